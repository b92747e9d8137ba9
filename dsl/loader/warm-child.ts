/**
 * Evaluation processes, started one ahead. Starting Node costs 50–150 ms,
 * more than the rest of a load, so while one file is evaluated the next
 * child is already starting (and loading the prebuilt DSL): an editor that
 * re-evaluates on every pause in typing gets a warm process each time. Each
 * child still evaluates a single file and is killed after it, so author code
 * never shares a process with another file's or a previous text's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { childRunner, dslBundle } from './package-root';

let spare: ChildProcess | undefined;
const readiness = new WeakMap<ChildProcess, Promise<void>>();

/** The message a child sends once it is up (child-runner.cjs), before any reply. */
export const isReadyMessage = (msg: unknown): boolean => typeof msg === 'object' && msg !== null && (msg as { ready?: unknown }).ready === true;

/** Resolves once `child` is up and can evaluate at once (never, if it dies first: watch its 'exit'). */
export const childReady = (child: ChildProcess): Promise<void> => readiness.get(child) ?? Promise.resolve();

function start(): ChildProcess {
  const bundle = dslBundle();
  const child = fork(childRunner(), bundle ? [bundle] : [], {
    execArgv: ['--enable-source-maps', '--max-old-space-size=512'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  readiness.set(child, new Promise<void>((resolve) => {
    const onMessage = (msg: unknown) => { if (isReadyMessage(msg)) { child.off('message', onMessage); resolve(); } };
    child.on('message', onMessage);
  }));
  child.on('exit', () => { if (spare === child) spare = undefined; });
  // A failed spawn surfaces when the child is used; an unused spare's error must not crash the host.
  child.on('error', () => { if (spare === child) spare = undefined; });
  return child;
}

/** An idle spare must never keep a finished CLI run alive. */
function setHeld(child: ChildProcess, held: boolean): void {
  const handles = [child, child.channel, child.stderr as Socket | null];
  for (const h of handles) (held ? h?.ref?.() : h?.unref?.());
}

/** A child ready to evaluate one file; the next one starts now, in the background. */
export function takeEvaluationChild(): ChildProcess {
  const ready = spare && spare.exitCode === null && spare.signalCode === null && spare.connected ? spare : start();
  setHeld(ready, true);
  spare = start();
  setHeld(spare, false);
  return ready;
}
