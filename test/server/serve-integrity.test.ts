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
import { startServeProcess } from './serve-process';

const posix = process.platform !== 'win32';
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** `nudge serve` that must not start: it exits (or is killed after 20 s, which fails the test). */
function serveRefused(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'bin/nudge.js'), 'serve', '--dir', resolve(ROOT, 'samples'), '--port', '0'], {
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
