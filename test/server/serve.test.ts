// `nudge serve` as a real process: listens on 127.0.0.1, makes its token file, answers with the token.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nudge, ROOT } from '../cli/run-nudge';

function startServer(cwd: string, args: string[]) {
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/nudge.js'), 'serve', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "serving" line within 30 s:\n${out}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /"msg":"nudge serving at (http:\/\/[^"]+)"/.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`exited with ${code}:\n${out}`)); });
  });
  return { child, url, output: () => out };
}

describe('nudge serve', () => {
  it('serves the samples on 127.0.0.1 with a token file readable by its owner only', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-serve-'));
    const server = startServer(cwd, ['--dir', resolve(ROOT, 'samples'), '--port', '0', '--clock', 'simulated', '--start', '2026-12-01T14:00:00Z']);
    try {
      const url = await server.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/health`)).status).toBe(200);

      const tokenFile = join(cwd, '.nudge/token');
      if (process.platform !== 'win32') expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const token = readFileSync(tokenFile, 'utf8').trim();
      expect((await fetch(`${url}/sequences`)).status).toBe(401);
      const res = await fetch(`${url}/sequences`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Array<{ id: string }>).map((s) => s.id)).toContain('lead-welcome');
      const clock = await (await fetch(`${url}/clock`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(clock).toEqual({ kind: 'simulated', now: '2026-12-01T14:00:00.000Z' });
      expect(server.output()).toContain('.nudge/token');
      expect(server.output()).not.toContain(token);
    } finally {
      server.child.kill('SIGTERM');
    }
  }, 60_000);

  it('refuses a config file with an unknown key, naming it', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-serve-'));
    writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({ accountZone: 'UTC', prot: 4400 }));
    const r = nudge(['serve', '--dir', resolve(ROOT, 'samples')], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nudge\.config\.json: unknown key "prot"/);
  });

  it('refuses a bad account zone and a bad clock', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-serve-'));
    writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({ accountZone: 'Mars/Olympus' }));
    expect(nudge(['serve'], { cwd }).stderr).toMatch(/accountZone "Mars\/Olympus" is not an IANA time zone/);
    expect(nudge(['serve', '--config', 'none.json'], { cwd }).stderr).toMatch(/none\.json does not exist/);
    const clean = mkdtempSync(join(tmpdir(), 'nudge-serve-'));
    expect(nudge(['serve', '--clock', 'fast'], { cwd: clean }).stderr).toMatch(/--clock must be "wall" or "simulated"/);
  });
});
