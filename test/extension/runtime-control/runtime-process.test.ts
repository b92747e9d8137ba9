// The process manager, the HTTP client and the publish runner against the real
// built runtime (dist/cli.js, built by vitest's global setup): a temp workspace
// with a copy of the samples, a free port, a temp store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveLaunch, publishLaunch } from '../../../extension/runtime-control/launch';
import { RuntimeClient } from '../../../extension/runtime-control/runtime-client';
import { runtimeCounts } from '../../../extension/runtime-control/runtime-counts';
import { portIsFree, RuntimeProcess, RuntimeStartError, type RuntimeInfo } from '../../../extension/runtime-control/runtime-process';
import { mapPaths, runPublishCli, withEditorText } from '../../../extension/runtime-control/publish-cli';

const ROOT = resolve(__dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

let ws: string;
let port: number;
let runtime: RuntimeProcess;
let info: RuntimeInfo;
const env = { ...process.env, NUDGE_TOKEN: '' }; // the token file path, whatever the machine's environment says
const launch = (p: number, extra: { dir?: string } = {}) => serveLaunch({
  packageRoot: ROOT, nodePath: process.execPath, workspaceFolder: ws, sequenceDir: extra.dir ?? ws,
  storeFile: '.nudge/store.json', port: p, clock: 'simulated', env,
});

beforeAll(async () => {
  ws = mkdtempSync(join(tmpdir(), 'nudge-runtime-control-'));
  for (const f of readdirSync(join(ROOT, 'samples'))) cpSync(join(ROOT, 'samples', f), join(ws, f));
  port = await freePort();
  runtime = new RuntimeProcess(launch(port), { readyTimeoutMs: 60_000 });
  info = await runtime.start();
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
  rmSync(ws, { recursive: true, force: true });
});

describe('RuntimeProcess with the real nudge serve', () => {
  it('is ready on the port with the token the server wrote', async () => {
    expect(info.url).toBe(`http://127.0.0.1:${port}`);
    expect(info.port).toBe(port);
    expect(info.token).toBe(readFileSync(join(ws, '.nudge/token'), 'utf8').trim());
    expect(runtime.running).toBe(true);
    expect(runtime.lastLines().some((l) => l.includes('nudge serving at'))).toBe(true);
  });

  it('reads health, the clock and the per-step counts through the client', async () => {
    const client = new RuntimeClient(info.url, info.token);
    expect(await client.health()).toMatchObject({ status: 'ok', clock: 'simulated' });
    expect((await client.clock()).kind).toBe('simulated');
    const form = await fetch(`${info.url}/forms/newsletter-signup`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.test', firstName: 'Ada' }),
    });
    expect(form.ok).toBe(true);
    const counts = runtimeCounts(await client.sequences(), 'Runtime: test');
    const welcome = counts.bySequence['lead-welcome'];
    expect(welcome['welcome-email'].done).toBe(1);
    expect(Object.values(welcome).reduce((n, s) => n + (s.waiting ?? 0) + (s.active ?? 0), 0)).toBeGreaterThan(0);
  });

  it('refuses a wrong token with a message naming the route and what to do', async () => {
    await expect(new RuntimeClient(info.url, 'x'.repeat(20)).sequences()).rejects.toThrow(/GET \/sequences on .* 401 NUDGE_ERR_UNAUTHORIZED .*restart the runtime/);
  });

  it('says the port is in use when it is: before starting, and from the server if it races', async () => {
    expect(await portIsFree(port)).toBe(false);
    expect(await portIsFree(await freePort())).toBe(true);
    const second = new RuntimeProcess(launch(port), { readyTimeoutMs: 60_000 });
    const err = await second.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeStartError);
    expect((err as RuntimeStartError).reason).toBe('port-in-use');
    expect((err as RuntimeStartError).lastLines.join('\n')).toContain('EADDRINUSE');
    expect(second.running).toBe(false);
  }, 90_000);

  it('previews unsaved text against the live store, then the server publishes it on save', async () => {
    const file = join(ws, 'lead-welcome.seq.ts');
    const edited = readFileSync(file, 'utf8').replace(".delay('2d'", ".delay('3d'");
    const view = await withEditorText(ws, new Map([[file, edited]]));
    let preview;
    try {
      preview = mapPaths(await runPublishCli(publishLaunch({
        packageRoot: ROOT, nodePath: process.execPath, workspaceFolder: ws, dir: view.dir, storeFile: '.nudge/store.json', dryRun: true, timeZone: 'UTC', env,
      })), view.realPath);
    } finally {
      await view.dispose();
    }
    expect(preview.files.map((f) => f.file)).toContain(file);
    const v = preview.versions.find((x) => x.sequenceId === 'lead-welcome');
    expect(v?.version).toBe(2);
    expect(v?.report?.steps.some((s) => s.change === 'changed' && s.contacts === 1)).toBe(true);

    writeFileSync(file, edited); // "Publish" while running = save: the server's watcher publishes it
    const client = new RuntimeClient(info.url, info.token);
    const deadline = Date.now() + 30_000;
    let version = 1;
    while (version < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      version = (await client.sequences()).find((s) => s.id === 'lead-welcome')?.version ?? 0;
    }
    expect(version).toBe(2);
  }, 90_000);

  it('stops cleanly with SIGTERM', async () => {
    const exit = await runtime.stop();
    expect(exit).toMatchObject({ code: 0, forced: false });
    expect(runtime.running).toBe(false);
  }, 30_000);
});

describe('RuntimeProcess failures', () => {
  it('reports a runtime that exits before it is ready, with its last lines', async () => {
    const p = new RuntimeProcess(launch(0, { dir: join(ws, 'no-such-folder') }));
    const err = (await p.start().catch((e: unknown) => e)) as RuntimeStartError;
    expect(err.reason).toBe('exited');
    expect(err.message).toMatch(/exited with code 2/);
    expect(err.lastLines.join('\n')).toMatch(/is not a folder/);
  }, 30_000);

  it('times out on a process that never serves, and kills it', async () => {
    const p = new RuntimeProcess({ command: process.execPath, args: ['-e', 'process.on("SIGTERM",()=>{}); setInterval(()=>{},1000)'], cwd: tmpdir(), env: process.env }, { readyTimeoutMs: 500, stopGraceMs: 300 });
    const err = (await p.start().catch((e: unknown) => e)) as RuntimeStartError;
    expect(err.reason).toBe('timeout');
    expect(p.running).toBe(false);
  }, 10_000);

  it('says when the program cannot be run at all', async () => {
    const p = new RuntimeProcess({ command: join(tmpdir(), 'no-such-node'), args: [], cwd: tmpdir(), env: process.env });
    const err = (await p.start().catch((e: unknown) => e)) as RuntimeStartError;
    expect(err.reason).toBe('spawn-failed');
    expect(err.message).toMatch(/ENOENT/);
  });
});
