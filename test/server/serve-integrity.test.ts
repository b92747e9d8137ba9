/**
 * `nudge serve` start-up checks, as a user meets them: weak API tokens are
 * refused with one line; the generated token still works; store, journal,
 * token and outbox files are owner-only even in a `.nudge` folder that was
 * open to others; an outbox folder that cannot be written is logged at
 * warn with the reason and shown by /health.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-nudge';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { startServeProcess } from './serve-process';

const posix = process.platform !== 'win32';
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** `nudge serve` that must not start: it exits (or is killed after 20 s, which fails the test). */
function serveRefused(cwd: string, env: NodeJS.ProcessEnv = {}, args: string[] = []) {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'bin/nudge.js'), 'serve', '--dir', resolve(ROOT, 'samples'), '--port', '0', ...args], {
    cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NUDGE_TOKEN: '', ...env },
  });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

const waitFor = async (test: () => boolean | Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await test()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
};

describe('nudge serve: API token strength', () => {
  const weak: Array<[string, string, RegExp]> = [
    ['16 times the same letter', 'aaaaaaaaaaaaaaaa', /is 16 characters long, fewer than 32/],
    ['one pattern repeated', 'abcdabcdabcdabcdabcdabcdabcdabcdabcd', /one short pattern repeated/],
    ['a word used three times', 'passwordpasswordpassword12345678', /repeats parts of itself/],
  ];
  for (const [what, token, why] of weak) {
    it(`refuses a config token that is ${what}, in one line`, () => {
      const cwd = mkdtempSync(join(tmpdir(), 'nudge-weak-token-'));
      writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({ token }));
      const r = serveRefused(cwd);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/NUDGE_ERR_WEAK_TOKEN/);
      expect(lines[0]).toMatch(/"token" in .*nudge\.config\.json is too weak/);
      expect(lines[0]).toMatch(why);
      expect(lines[0]).toMatch(/at least 32 random characters/);
      expect(r.stderr + r.stdout).not.toContain(token);
    });
  }

  it('refuses a weak NUDGE_TOKEN and a weak hand-written token file', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-weak-token-'));
    const env = serveRefused(cwd, { NUDGE_TOKEN: 'aaaaaaaaaaaaaaaa' });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/NUDGE_TOKEN is too weak/);
    mkdirSync(join(cwd, '.nudge'));
    writeFileSync(join(cwd, '.nudge/token'), 'x'.repeat(40));
    const file = serveRefused(cwd);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/\.nudge\/token is too weak: it is one short pattern repeated/);
  });
});

describe('nudge serve: owner-only files', () => {
  it('makes its token and store files owner-only, tightens a .nudge folder open to others, and writes emails 0600', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-modes-'));
    mkdirSync(join(cwd, '.nudge'));
    if (posix) chmodSync(join(cwd, '.nudge'), 0o755);
    const serve = await startServeProcess(cwd, resolve(ROOT, 'samples'));
    try {
      const token = readFileSync(join(cwd, '.nudge/token'), 'utf8').trim();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // generated as before: 32 random bytes
      const form = await fetch(`${serve.url}/forms/newsletter-signup`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.test', firstName: 'Ada' }),
      });
      expect(form.status).toBe(202);
      const emails = join(cwd, '.nudge/outbox/email');
      await waitFor(() => { try { return readdirSync(emails).length > 0; } catch { return false; } });
      expect(readdirSync(emails).length, serve.output()).toBeGreaterThan(0);
      if (!posix) return;
      expect(modeOf(join(cwd, '.nudge'))).toBe(0o700);
      expect(serve.output()).toMatch(/\.nudge had mode 0755 \(others could read contacts' data\): made owner-only/);
      expect(modeOf(join(cwd, '.nudge/token'))).toBe(0o600);
      expect(modeOf(join(cwd, '.nudge/store.json'))).toBe(0o600);
      expect(modeOf(join(cwd, '.nudge/store.json.journal'))).toBe(0o600);
      for (const name of readdirSync(emails)) expect(modeOf(join(emails, name))).toBe(0o600);
      expect(modeOf(emails)).toBe(0o700);
    } finally {
      serve.stop();
    }
  }, 60_000);
});

describe('nudge serve: an outbox folder that cannot be written', () => {
  it('logs the failure at warn with the reason, and /health answers 503 saying so', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-outbox-blocked-'));
    writeFileSync(join(cwd, 'blocker'), 'a file where the outbox folder should be made\n');
    writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({ outboxDir: 'blocker/outbox' }));
    const serve = await startServeProcess(cwd, resolve(ROOT, 'samples'));
    try {
      const form = await fetch(`${serve.url}/forms/newsletter-signup`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.test', firstName: 'Ada' }),
      });
      expect(form.status).toBe(202);
      await waitFor(() => /"level":40.*the outbox folder cannot be written/.test(serve.output()));
      const warn = serve.output().split('\n').find((l) => /the outbox folder cannot be written/.test(l));
      expect(warn, serve.output()).toBeDefined();
      expect(JSON.parse(warn!)).toMatchObject({ level: 40, kind: 'email', reason: expect.stringMatching(/ENOTDIR|EEXIST/) });
      let health: { status: string; problems?: string[] } = { status: '' };
      await waitFor(async () => {
        const res = await fetch(`${serve.url}/health`);
        health = (await res.json()) as typeof health;
        return res.status === 503;
      });
      expect(health.status).toBe('error');
      expect(health.problems!.join(' ')).toMatch(/outbox: .*(ENOTDIR|not a folder)/);
    } finally {
      serve.stop();
    }
  }, 60_000);
});

describe('nudge serve: a damaged journal', () => {
  it('refuses to start with one line naming the journal and the line, changes no file; --accept-journal-loss starts, keeps a copy and logs it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-damaged-journal-'));
    mkdirSync(join(cwd, '.nudge'));
    const file = join(cwd, '.nudge/store.json');
    // What a killed server leaves: 50 acknowledged contacts, one journal line each (the store is never closed).
    const store = await LowdbStore.open(file);
    for (let i = 1; i <= 50; i++) {
      await store.commit({ contacts: [{ id: `c${i}`, email: `c${i}@example.test` }] });
      await store.flush();
    }
    const journal = `${file}.journal`;
    const lines = readFileSync(journal, 'utf8').split('\n');
    for (let i = 20; i < 50; i++) lines[i] = 'x'.repeat(lines[i].length); // the last 30 complete lines damaged
    writeFileSync(journal, lines.join('\n'));
    const before = readFileSync(journal);

    const refused = serveRefused(cwd, { NUDGE_TOKEN: 'damaged-journal-test-token-0123456789abcdef' });
    expect(refused.code).toBe(2);
    const line = refused.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain(`${journal}: line 21 `);
    expect(line).toMatch(/--accept-journal-loss/);
    expect(readFileSync(journal)).toEqual(before);

    const serve = await startServeProcessWith(cwd, ['--accept-journal-loss'], { NUDGE_TOKEN: 'damaged-journal-test-token-0123456789abcdef' });
    try {
      expect(serve.output()).toMatch(/"level":50.*line 21 .*--accept-journal-loss gave up the lines from there on \(copies kept: .*store\.json\.journal\.damaged-/);
      const copy = readdirSync(join(cwd, '.nudge')).find((n) => n.startsWith('store.json.journal.damaged-'));
      expect(readFileSync(join(cwd, '.nudge', copy!))).toEqual(before);
    } finally {
      serve.stop();
    }
    await store.close().catch(() => undefined);
  }, 60_000);
});

/** Like startServeProcess, with more arguments and environment. */
async function startServeProcessWith(cwd: string, args: string[], env: NodeJS.ProcessEnv) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/nudge.js'), 'serve', '--dir', resolve(ROOT, 'samples'), '--port', '0', '--clock', 'simulated', ...args], {
    cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { out += c; });
  await waitFor(() => /nudge serving at/.test(out) || child.exitCode !== null, 30_000);
  if (!/nudge serving at/.test(out)) throw new Error(`server did not start:\n${out}`);
  return { output: () => out, stop: () => child.kill('SIGTERM') };
}
