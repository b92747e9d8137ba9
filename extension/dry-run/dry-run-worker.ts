/**
 * Entry of dist/dry-run-worker.js: a worker_threads Worker that runs one dry
 * run per message, so a long simulation never blocks the extension host's
 * main thread. The host cancels or times out a run by terminating the
 * worker (the simulation is synchronous: there is no cooperative stop).
 */
import { parentPort } from 'node:worker_threads';
import { NudgeError } from '../../errors/nudge-error';
import { errorText } from '../error-text';
import { runDryRun } from './run-dry-run';
import type { DryRunRequest, DryRunWorkerReply } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('dry-run-worker.js must be started as a worker thread (new Worker(path)), not run directly.');

/** Progress is throttled: a message per simulated instant would flood the host. */
const PROGRESS_EVERY_MS = 100;

port.on('message', (request: DryRunRequest) => {
  const post = (reply: DryRunWorkerReply) => port.postMessage(reply);
  let last = 0;
  const onProgress = (fraction: number) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    post({ type: 'progress', fraction });
  };
  runDryRun(request, onProgress).then(
    (view) => post({ type: 'result', view }),
    (err: unknown) => {
      // Input problems (named errors: DryRunInputError, ContactFileError...) are phrased for the user;
      // a plain Error or TypeError is a bug, and its stack goes to the log.
      if (!(err instanceof Error)) return post({ type: 'error', message: String(err) });
      if (err instanceof NudgeError) return post({ type: 'error', message: errorText(err) });
      const bug = err.name === 'Error' || err.name === 'TypeError' || err.name === 'RangeError';
      post({ type: 'error', message: err.message, ...(bug && err.stack ? { stack: err.stack } : {}) });
    },
  );
});
