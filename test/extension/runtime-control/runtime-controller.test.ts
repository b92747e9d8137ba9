// The VS Code glue of runtime control (status bar, output channel, canvas
// counts, messages) against the real built runtime, with `vscode` faked.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CanvasCounts } from '../../../extension/protocol';
import { fakeVscode, folders, outputLines, sequenceFilesFound, settings, shown, statusItems } from './fake-vscode';

vi.mock('vscode', () => fakeVscode);
const { RuntimeController } = await import('../../../extension/runtime-control/runtime-controller');

const ROOT = resolve(__dirname, '../../..');
const counts: Array<CanvasCounts | null> = [];
const canvas = { setCounts: (c: CanvasCounts | null) => { counts.push(c); } };
let ws: string;
let blocker: Server;
let blockedPort: number;

beforeAll(async () => {
  ws = mkdtempSync(join(tmpdir(), 'nudge-controller-'));
  for (const f of readdirSync(join(ROOT, 'samples'))) cpSync(join(ROOT, 'samples', f), join(ws, f));
  folders.push({ uri: { fsPath: ws, scheme: 'file' }, name: 'ws', index: 0 });
  Object.assign(settings, { 'runtime.port': 0, 'runtime.clock': 'simulated', accountTimeZone: 'UTC' });
  blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  blockedPort = (blocker.address() as { port: number }).port;
});

afterAll(async () => {
  blocker?.close();
  rmSync(ws, { recursive: true, force: true });
});

describe('RuntimeController', () => {
  it('shows "Nudge: stopped" only in a workspace with sequence files (the extension also wakes for plain TypeScript)', async () => {
    const saved = sequenceFilesFound.splice(0);
    try {
      const plain = new RuntimeController(ROOT, canvas);
      await new Promise((r) => setTimeout(r, 10));
      expect(statusItems[statusItems.length - 1].visible).toBe(false);
      plain.dispose();
    } finally {
      sequenceFilesFound.push(...saved);
    }
    const withSequences = new RuntimeController(ROOT, canvas);
    await vi.waitFor(() => expect(statusItems[statusItems.length - 1].visible).toBe(true));
    withSequences.dispose();
  });

  it('starts, shows the port and simulated clock, feeds live counts to the canvas, and stops clearing them', async () => {
    const runtime = new RuntimeController(ROOT, canvas);
    const item = statusItems[statusItems.length - 1];
    expect(item.text).toBe('$(debug-stop) Nudge: stopped');
    await runtime.start();
    const live = runtime.running!;
    expect(live).toBeDefined();
    expect(item.text).toMatch(/^\$\(pulse\) Nudge :\d+/);
    await runtime.pollNow();
    await vi.waitFor(() => expect(item.text).toMatch(/· simulated \d{4}-\d\d-\d\d \d\d:\d\d$/), { timeout: 10_000 });
    const last = counts[counts.length - 1];
    expect(last?.source).toBe('runtime');
    expect(last?.label).toMatch(/^Runtime: 0 contacts in flight · :\d+ · simulated/);
    expect(Object.keys(last!.bySequence)).toContain('lead-welcome');
    expect(outputLines.some((l) => /INFO  nudge serving at/.test(l))).toBe(true);
    expect(outputLines.some((l) => l.includes('GET /sequences'))).toBe(false); // its own polling stays out of the log

    await runtime.stop();
    expect(counts[counts.length - 1]).toBeNull();
    expect(item.text).toBe('$(debug-stop) Nudge: stopped');
    expect(runtime.running).toBeUndefined();
    expect(shown).toEqual([]);
    runtime.dispose();
  }, 90_000);

  it('notices a runtime that dies on its own: stopped, counts cleared, the user told', async () => {
    const runtime = new RuntimeController(ROOT, canvas);
    const item = statusItems[statusItems.length - 1];
    await runtime.start();
    process.kill(runtime.running!.info.pid, 'SIGKILL');
    await vi.waitFor(() => expect(runtime.kind).toBe('stopped'), { timeout: 10_000 });
    expect(counts[counts.length - 1]).toBeNull();
    expect(item.tooltip).toContain('stopped unexpectedly (SIGKILL)');
    expect(shown.pop()).toMatchObject({ kind: 'error', message: expect.stringContaining('the runtime stopped unexpectedly (SIGKILL)') });
    runtime.dispose();
  }, 90_000);

  it('says the port is taken and names the setting, without starting a server', async () => {
    settings['runtime.port'] = blockedPort;
    const runtime = new RuntimeController(ROOT, canvas);
    await runtime.start();
    expect(runtime.kind).toBe('stopped');
    expect(shown.pop()).toEqual({ kind: 'error', message: expect.stringMatching(new RegExp(`port ${blockedPort} on 127.0.0.1 is already in use .*"nudge.runtime.port"`)) });
    runtime.dispose();
  });

  it('reports a runtime that cannot start with what, where and the last log lines', async () => {
    // A store that is not JSON: nudge serve refuses it and exits (the settings reader now turns a bad clock into 'wall').
    mkdirSync(join(ws, 'broken'), { recursive: true });
    writeFileSync(join(ws, 'broken', 'store.json'), '{not json');
    Object.assign(settings, { 'runtime.port': 0, 'runtime.clock': 'simulated', 'runtime.storeFile': 'broken/store.json' });
    const runtime = new RuntimeController(ROOT, canvas);
    try {
      await runtime.start();
      expect(runtime.kind).toBe('stopped');
      const msg = shown.pop();
      expect(msg?.kind).toBe('error');
      expect(msg?.message).toContain(`the runtime did not start in ${ws}: error NUDGE_ERR_RUNTIME_START: nudge serve exited with code 2`);
      expect(outputLines.join('\n')).toContain('is not valid JSON');
    } finally {
      delete settings['runtime.storeFile'];
      runtime.dispose();
    }
  }, 30_000);

  describe('one start at a time, and a stop or a closed window while it starts', () => {
    const launched = () => outputLines.filter((l) => l.startsWith('── starting nudge serve')).length;
    const pidOf = (runtime: InstanceType<typeof RuntimeController>) => (runtime as unknown as { process?: { pid?: number } }).process?.pid;
    const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

    it('two quick starts launch one server (port 0 would let two run on the same store)', async () => {
      Object.assign(settings, { 'runtime.port': 0, 'runtime.clock': 'simulated' });
      const runtime = new RuntimeController(ROOT, canvas);
      const before = launched();
      const first = runtime.start();
      const kindAtOnce = runtime.kind;
      const second = runtime.start();
      await Promise.all([first, second]);
      expect(launched() - before).toBe(1);
      expect(kindAtOnce).toBe('starting'); // at once, before the folder and the port are looked at
      expect(runtime.kind).toBe('running');
      await runtime.stop();
      expect(runtime.kind).toBe('stopped');
      expect(shown).toEqual([]);
      runtime.dispose();
    }, 90_000);

    it('a stop before the server is launched cancels the start: nothing runs, nothing is shown', async () => {
      Object.assign(settings, { 'runtime.port': 0, 'runtime.clock': 'simulated' });
      const runtime = new RuntimeController(ROOT, canvas);
      const before = launched();
      const starting = runtime.start();
      await runtime.stop();
      await starting;
      expect(runtime.kind).toBe('stopped');
      expect(launched() - before).toBe(0);
      expect(shown).toEqual([]);
      runtime.dispose();
    });

    it('a stop while nudge serve starts stops it quietly (no "did not start… killed by SIGTERM")', async () => {
      Object.assign(settings, { 'runtime.port': 0, 'runtime.clock': 'simulated' });
      const runtime = new RuntimeController(ROOT, canvas);
      const before = launched();
      const starting = runtime.start();
      await vi.waitFor(() => expect(launched() - before).toBe(1), { timeout: 10_000 });
      const pid = pidOf(runtime)!;
      expect(pid).toBeGreaterThan(0);
      await runtime.stop();
      await starting;
      expect(runtime.kind).toBe('stopped');
      expect(runtime.running).toBeUndefined();
      expect(alive(pid)).toBe(false);
      expect(shown).toEqual([]);
      expect(statusItems[statusItems.length - 1].tooltip).not.toContain('SIGTERM');
      runtime.dispose();
    }, 30_000);

    it('closing the window while it starts leaves no server behind, launched or not', async () => {
      Object.assign(settings, { 'runtime.port': 0, 'runtime.clock': 'simulated' });
      const early = new RuntimeController(ROOT, canvas);
      const before = launched();
      const notYet = early.start();
      early.dispose(); // still checking the port
      await notYet;
      expect(launched() - before).toBe(0);
      expect(early.running).toBeUndefined();

      const late = new RuntimeController(ROOT, canvas);
      const launching = late.start();
      await vi.waitFor(() => expect(launched() - before).toBe(1), { timeout: 10_000 });
      const pid = pidOf(late)!;
      late.dispose();
      await launching;
      await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 10_000 });
      expect(late.running).toBeUndefined();
      expect(shown).toEqual([]);
    }, 30_000);
  });
});
