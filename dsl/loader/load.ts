/**
 * The loader: bundle a sequence file, evaluate it in a child process with a
 * time limit, and return the IR of every exported sequence. The child keeps
 * author code away from the caller's thread (the CLI, the extension host):
 * a file that throws, loops forever or exports nothing becomes a LoadError
 * naming the file and line, never a hang.
 */
import { resolve } from 'node:path';
import type { SequenceIR } from '../ir';
import { bundleSequenceFile, type Bundle } from './bundle';
import { childReady, isReadyMessage, takeEvaluationChild } from './warm-child';
import { LoadError } from './load-error';
import { locateError } from './locate-error';

export interface LoadedSequence {
  exportName: string;
  ir: SequenceIR;
}

export interface LoadOptions {
  /** Unsaved text of the file (the editor's buffer); read from disk when omitted. */
  contents?: string;
  /** Evaluation time limit in milliseconds. Default 2000. */
  timeoutMs?: number;
  /**
   * Cancels the load (e.g. the editor's text changed again): the evaluation
   * process is killed at once and the promise rejects with a LoadCancelled.
   */
  signal?: AbortSignal;
}

/**
 * The load was cancelled through its AbortSignal. Not a LoadError: it says
 * nothing about the file, so callers drop it instead of showing it.
 */
export class LoadCancelled extends Error {
  override name = 'AbortError';
  constructor(file: string) {
    super(`Loading ${file} was cancelled.`);
  }
}

export const isLoadCancelled = (err: unknown): err is LoadCancelled => err instanceof LoadCancelled;

type ChildReply =
  | { ok: true; sequences: LoadedSequence[] }
  | { ok: false; error: { name: string; message: string; stack: string } };

export async function loadSequenceFile(file: string, options: LoadOptions = {}): Promise<LoadedSequence[]> {
  return (await loadSequenceFileWithInputs(file, options)).sequences;
}

/**
 * Like loadSequenceFile, and also names the files bundled in besides the
 * entry (see Bundle.inputs). A LoadError after bundling carries them too
 * (`inputs`): a helper that throws is one to watch.
 */
export async function loadSequenceFileWithInputs(file: string, options: LoadOptions = {}): Promise<{ sequences: LoadedSequence[]; inputs: string[] }> {
  const abs = resolve(file);
  const timeoutMs = options.timeoutMs ?? 2000;
  const { signal } = options;
  if (signal?.aborted) throw new LoadCancelled(abs);
  const bundle = await bundleSequenceFile(abs, options.contents);
  if (signal?.aborted) throw new LoadCancelled(abs);
  try {
    return { sequences: await evaluate(bundle, abs, timeoutMs, signal), inputs: bundle.inputs };
  } catch (err) {
    if (err instanceof LoadError) err.inputs = bundle.inputs;
    throw err;
  }
}

/** Runs the bundle in a child; its throw, or a file without sequences, becomes a LoadError. */
async function evaluate(bundle: Bundle, abs: string, timeoutMs: number, signal?: AbortSignal): Promise<LoadedSequence[]> {
  const reply = await runInChild(bundle.code, bundle.filename, abs, timeoutMs, signal);
  if (!reply.ok) {
    const where = locateError(reply.error.stack, abs);
    if (reply.error.name === 'DslError') throw new LoadError('NUDGE_ERR_LOAD_DSL', { problem: reply.error.message }, where);
    throw new LoadError('NUDGE_ERR_LOAD_THROW', { errorName: reply.error.name, problem: reply.error.message }, where);
  }
  if (reply.sequences.length === 0) {
    throw new LoadError('NUDGE_ERR_LOAD_NO_EXPORT', {}, { file: abs, line: 1, column: 1 });
  }
  return reply.sequences;
}

/** How long a child may take to start (Node and the DSL) before it counts as broken: far above any start seen, even on a loaded machine. */
const STARTUP_LIMIT_MS = 60_000;

function runInChild(code: string, filename: string, file: string, timeoutMs: number, signal?: AbortSignal): Promise<ChildReply> {
  return new Promise((resolvePromise, reject) => {
    const child = takeEvaluationChild();
    let stderr = '';
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => finish(() => reject(new LoadCancelled(file)));
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(startup);
      signal?.removeEventListener('abort', onAbort);
      child.kill('SIGKILL');
      fn();
    };
    // A busy child cannot tell where it is looping (its inspector needs its own event
    // loop), so the error names the file and the likely cause.
    // The limit is the file's own evaluation: it starts once the child is up
    // (a warm spare is; a cold one takes a Node start and the DSL's load, which
    // a busy machine can stretch past the limit with no fault of the file's).
    const startup = setTimeout(() => finish(() => reject(new LoadError('NUDGE_ERR_LOAD_CRASH', {
      how: `it did not start within ${STARTUP_LIMIT_MS / 1000} s`,
      output: '',
    }, { file, line: 1, column: 1 }))), STARTUP_LIMIT_MS);
    void childReady(child).then(() => {
      clearTimeout(startup);
      if (!settled) timer = setTimeout(() => finish(() => reject(new LoadError('NUDGE_ERR_LOAD_TIMEOUT', { ms: timeoutMs }, { file, line: 1, column: 1 }))), timeoutMs);
    });
    child.stderr?.on('data', (chunk) => { stderr += chunk; });
    child.on('message', (msg) => { if (!isReadyMessage(msg)) finish(() => resolvePromise(msg as ChildReply)); });
    child.on('error', (err) => finish(() => reject(err)));
    child.on('exit', (codeOrNull, signal) => finish(() => reject(new LoadError('NUDGE_ERR_LOAD_CRASH', {
      how: signal ?? `exit code ${codeOrNull}`,
      output: stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : '',
    }, { file, line: 1, column: 1 }))));
    // Cancelled: the child is killed now, however long its loop would still run.
    signal?.addEventListener('abort', onAbort, { once: true });
    child.send({ code, filename });
  });
}
