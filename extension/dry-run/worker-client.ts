/**
 * Runs a dry run on a worker thread and gives back its view. One worker per
 * run: cancelling or timing out terminates it (simulate() is synchronous,
 * so there is nothing cooperative to ask), and a crash in one run cannot
 * leave a broken worker behind for the next. No vscode import: tested with
 * the real built dist/dry-run-worker.js.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DryRunView } from '../protocol';
import type { DryRunRequest, DryRunWorkerReply } from './worker-protocol';
import { nudgeError } from '../../errors/nudge-error';

export const DEFAULT_TIMEOUT_MS = 60_000;

/** The run was cancelled (by the user or by a newer run); not an error to show. */
export class DryRunCancelled extends Error {
  override name = 'DryRunCancelled';
  constructor() {
    super('The dry run was cancelled.');
  }
}

export interface WorkerRunOptions {
  /** Absolute path of dist/dry-run-worker.js. */
  workerPath: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?(fraction: number): void;
  /** A bug's stack trace, for a log. */
  onBugStack?(stack: string): void;
  /** The worker thread ended (after every run: it is one-shot); for logs and tests. */
  onWorkerExit?(code: number): void;
}

export function runInWorker(request: DryRunRequest, options: WorkerRunOptions): Promise<DryRunView> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (options.signal?.aborted) return Promise.reject(new DryRunCancelled());
  if (!existsSync(options.workerPath)) {
    return Promise.reject(nudgeError('NUDGE_ERR_NOT_BUILT', { part: 'dry-run worker', file: options.workerPath }));
  }
  return new Promise<DryRunView>((resolvePromise, rejectPromise) => {
    const worker = new Worker(options.workerPath);
    let settled = false;
    const finish = (outcome: { view: DryRunView } | { error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Also on success: the worker is one-shot, and terminating frees its heap at once.
      void worker.terminate();
      if ('view' in outcome) resolvePromise(outcome.view);
      else rejectPromise(outcome.error);
    };
    const onAbort = () => finish({ error: new DryRunCancelled() });
    const timer = setTimeout(() => {
      const seconds = Math.round(timeoutMs / 100) / 10;
      finish({ error: nudgeError('NUDGE_ERR_DRY_RUN_FAILED', { problem: `The dry run took longer than ${seconds} s and was stopped. Run it again with fewer days (the horizon it asks for before each run) or fewer contacts (Nudge: Choose Dry Run Contacts…).` }) });
    }, timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: DryRunWorkerReply) => {
      if (reply.type === 'progress') options.onProgress?.(reply.fraction);
      else if (reply.type === 'result') finish({ view: reply.view });
      else {
        if (reply.stack) options.onBugStack?.(reply.stack);
        finish({ error: new Error(reply.message) });
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const why = err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? 'it ran out of memory. Dry-run fewer contacts or a shorter horizon'
        : `${err.message}. This is a bug in Nudge; please report it with the file and contacts that cause it`;
      if (err.stack) options.onBugStack?.(err.stack);
      finish({ error: nudgeError('NUDGE_ERR_DRY_RUN_FAILED', { problem: `The dry-run worker crashed: ${why}.` }) });
    });
    worker.on('exit', (code) => {
      options.onWorkerExit?.(code);
      finish({ error: nudgeError('NUDGE_ERR_DRY_RUN_FAILED', { problem: `The dry-run worker stopped before answering (exit code ${code}). Run the dry run again; if it keeps happening, report it.` }) });
    });
    worker.postMessage(request);
  });
}

/** Keeps at most one dry run going: starting a new one cancels the running one. */
export class DryRunRunner {
  private current?: AbortController;

  run(request: DryRunRequest, options: Omit<WorkerRunOptions, 'signal'> & { signal?: AbortSignal }): Promise<DryRunView> {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    return runInWorker(request, { ...options, signal: controller.signal }).finally(() => {
      if (this.current === controller) this.current = undefined;
    });
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  cancel(): void {
    this.current?.abort();
  }
}
