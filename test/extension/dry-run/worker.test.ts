/**
 * The real dist/dry-run-worker.js (built by the global setup) on a real
 * worker thread: results, progress, cancellation, time-out and crashes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DryRunCancelled, DryRunRunner, runInWorker } from '../../../extension/dry-run/worker-client';
import type { DryRunRequest } from '../../../extension/dry-run/worker-protocol';
import type { Contact } from '../../../runtime/engine/model';
import { CONTACTS_FILE, DAY, leadWelcome, ROOT, START, USERS_FILE } from './fixtures';

const WORKER = resolve(ROOT, 'dist/dry-run-worker.js');

async function request(over: Partial<DryRunRequest> = {}): Promise<DryRunRequest> {
  return {
    title: 'Dry run of lead-welcome.seq.ts',
    sequences: await leadWelcome(),
    population: { from: 'files', source: { kind: 'contacts', file: CONTACTS_FILE }, usersFile: USERS_FILE },
    start: START,
    until: START + 10 * DAY,
    accountZone: 'America/New_York',
    ...over,
  };
}

/** Enough contacts that a run takes well over the short limits below. */
const crowd = (n: number): Contact[] => Array.from({ length: n }, (_, i) => ({ id: `k${i}`, email: `k${i}@example.com`, firstName: `K${i}`, timezone: 'Europe/Paris' }));

describe('dry-run worker', () => {
  it('runs the sample off the main thread and answers with the view, reporting progress', async () => {
    const progress: number[] = [];
    const exits: number[] = [];
    const view = await runInWorker(await request(), { workerPath: WORKER, onProgress: (f) => progress.push(f), onWorkerExit: (c) => exits.push(c) });
    expect(view.title).toBe('Dry run of lead-welcome.seq.ts');
    expect(view.contacts.length).toBeGreaterThan(10);
    expect(view.timeline.length).toBeGreaterThan(50);
    expect(view.outbox.some((o) => o.title === 'Welcome to Acme Coffee, Maria!')).toBe(true);
    expect(view.counts.bySequence['lead-welcome']['welcome-email'].reached).toBe(view.contacts.length);
    for (const f of progress) expect(f).toBeGreaterThanOrEqual(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(exits).toHaveLength(1); // one-shot: terminated once it answered
  });

  it('reports input problems as clear errors (a contacts file that is not there)', async () => {
    const missing = join(tmpdir(), 'no-such-dir', 'contacts.json');
    const r = await request({ population: { from: 'files', source: { kind: 'contacts', file: missing } } });
    await expect(runInWorker(r, { workerPath: WORKER })).rejects.toThrow(/no-such-dir\/contacts\.json: cannot be read \(ENOENT\)\. Check the path/);
  });

  it('refuses a bad account zone with the setting to fix', async () => {
    await expect(runInWorker(await request({ accountZone: 'Mars/Base' }), { workerPath: WORKER })).rejects.toThrow(/nudge\.accountTimeZone/);
  });

  it('stops a run that takes too long and says what to do', async () => {
    const exits: number[] = [];
    const r = await request({ population: { from: 'inline', contacts: crowd(60_000) }, until: START + 30 * DAY });
    const started = Date.now();
    await expect(runInWorker(r, { workerPath: WORKER, timeoutMs: 300, onWorkerExit: (c) => exits.push(c) }))
      .rejects.toThrow('took longer than 0.3 s and was stopped. Run it again with fewer days (the horizon it asks for before each run) or fewer contacts (Nudge: Choose Dry Run Contacts…).');
    expect(Date.now() - started).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 300));
    expect(exits).toHaveLength(1); // the worker was terminated, not left running
  });

  it('cancels the running dry run when a new one starts, and the new one completes', async () => {
    const runner = new DryRunRunner();
    const exits: number[] = [];
    const slow = runner.run(await request({ population: { from: 'inline', contacts: crowd(60_000) }, until: START + 30 * DAY }), { workerPath: WORKER, onWorkerExit: (c) => exits.push(c) });
    await new Promise((r) => setTimeout(r, 150));
    const fast = runner.run(await request(), { workerPath: WORKER });
    await expect(slow).rejects.toBeInstanceOf(DryRunCancelled);
    expect((await fast).contacts.length).toBeGreaterThan(10);
    expect(exits).toHaveLength(1);
    expect(runner.running).toBe(false);
  });

  it('cancels on an abort signal (the progress notification’s Cancel button)', async () => {
    const controller = new AbortController();
    const run = runInWorker(await request({ population: { from: 'inline', contacts: crowd(60_000) } }), { workerPath: WORKER, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(run).rejects.toThrow('The dry run was cancelled.');
  });

  it('turns a crashing or missing worker into a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-worker-'));
    const crashing = join(dir, 'crash.js');
    writeFileSync(crashing, "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });");
    await expect(runInWorker(await request(), { workerPath: crashing })).rejects.toThrow(/The dry-run worker crashed: boom\. This is a bug in Nudge/);
    const exiting = join(dir, 'exit.js');
    writeFileSync(exiting, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));");
    await expect(runInWorker(await request(), { workerPath: exiting })).rejects.toThrow(/stopped before answering \(exit code 3\)/);
    await expect(runInWorker(await request(), { workerPath: join(dir, 'missing.js') })).rejects.toThrow(/missing\.js is missing: rebuild Nudge \(npm run build\) or reinstall the extension/);
  });
});
