/**
 * Bounces end to end: `nudge serve` (the built command) sends through a
 * real smtp-server that answers 550 for one address and 451 for another at
 * RCPT TO. The 550 address is tried once and hard-bounced; the 451 one is
 * retried with backoff and counted as a soft bounce when its attempts run
 * out; a later marketing step for the hard-bounced contact is skipped with
 * `not marketable: hard bounce` in its history, and `nudge simulate
 * --store` on a copy of that store shows the same skip.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nudge } from '../cli/run-nudge';
import { startBouncingSmtp } from '../delivery/bouncing-smtp';
import { startServeProcess } from './serve-process';

const TOKEN = 'serve-bounces-test-token-0123456789';
const START = '2026-12-01T14:00:00Z';
const SEQUENCE = `import { sequence, start, tagApplied } from 'nudge';
export default sequence('newsletter', {
  name: 'Newsletter',
  startOn: tagApplied('Newsletter'),
  paths: [start()
    .email({ id: 'welcome', subject: 'Welcome', body: 'Hello ~Contact.FirstName|there~. Unsubscribe: ~Unsubscribe~ ~Account.Address~' })
    .delay('1d')
    .email({ id: 'follow-up', subject: 'Day two', body: 'More news. Unsubscribe: ~Unsubscribe~ ~Account.Address~' })],
});
`;

interface OutboxLine { key: string; status: string; attempts: number; lastError?: string; effect: { contactId: string; stepId: string; to: string[] } }

describe('nudge serve: SMTP bounces', () => {
  it('hard-bounces the 550 address after one attempt, counts the 451 one soft after its retries, and skips later marketing email', async () => {
    const smtp = await startBouncingSmtp({ hard: ['gone@example.test'], soft: ['busy@example.test'] });
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-serve-bounces-'));
    const dir = join(cwd, 'sequences');
    mkdirSync(dir);
    writeFileSync(join(dir, 'newsletter.seq.ts'), SEQUENCE);
    writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({
      accountZone: 'UTC', token: TOKEN, publicUrl: 'http://localhost', account: { name: 'Acme Coffee', address: '1 Main St, Springfield, IL 62701' }, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
    }));
    const serve = await startServeProcess(cwd, dir, START);
    const { url } = serve;
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const api = async <T>(path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${url}${path}`, body === undefined ? { headers: auth } : { method: 'POST', headers: auth, body: JSON.stringify(body) });
      expect(res.status, `${path}: ${await res.clone().text()}\n${serve.output()}`).toBeLessThan(300);
      return res.json() as Promise<T>;
    };
    const item = async (contactId: string, stepId: string) => (await api<OutboxLine[]>(`/outbox?contactId=${contactId}`)).find((i) => i.effect.stepId === stepId);
    const waitFor = async (what: string, ok: () => Promise<boolean>) => {
      const deadline = Date.now() + 20_000;
      while (!(await ok())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${serve.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      for (const [id, email] of [['c-gone', 'gone@example.test'], ['c-busy', 'busy@example.test'], ['c-ok', 'ok@example.test']]) {
        await api('/contacts', { id, email, tags: ['Newsletter'] });
      }
      await waitFor('the welcome emails to be tried', async () => {
        const [gone, busy, ok] = await Promise.all([item('c-gone', 'welcome'), item('c-busy', 'welcome'), item('c-ok', 'welcome')]);
        return gone?.status === 'failed' && busy?.attempts === 1 && ok?.status === 'sent';
      });
      const gone = (await item('c-gone', 'welcome'))!;
      expect(gone).toMatchObject({ status: 'failed', attempts: 1 });
      expect(gone.lastError).toMatch(/hard bounce.*gone@example\.test \(550 5\.1\.1/);
      const goneConsent = await api<{ status: string; ledger: Array<{ event: string; source: { kind: string; id?: string }; detail?: string }> }>('/contacts/c-gone/consent');
      expect(goneConsent.status).toBe('hard-bounce');
      expect(goneConsent.ledger.at(-1)).toMatchObject({ event: 'hard-bounce', source: { kind: 'smtp', id: gone.key } });
      expect(goneConsent.ledger.at(-1)!.detail).toMatch(/^550 5\.1\.1/);

      // The deferred address: one attempt per backoff, eight in all, then a soft bounce.
      for (let attempt = 2; attempt <= 8; attempt++) {
        await api('/clock/advance', { ms: 3_600_000 });
        await waitFor(`attempt ${attempt} to busy@`, async () => (await item('c-busy', 'welcome'))!.attempts >= attempt);
      }
      const busy = (await item('c-busy', 'welcome'))!;
      expect(busy).toMatchObject({ status: 'failed', attempts: 8 });
      expect(busy.lastError).toMatch(/soft bounce.*busy@example\.test \(451 4\.2\.1/);
      expect(smtp.rcptAttempts.get('busy@example.test')).toBe(8);
      const busyConsent = await api<{ status: string; ledger: Array<{ event: string }> }>('/contacts/c-busy/consent');
      expect(busyConsent.ledger.filter((e) => e.event === 'soft-bounce')).toHaveLength(1);
      expect(busyConsent.status).not.toBe('soft-bounce'); // one soft bounce counts; it takes three

      // A day later the marketing follow-up: skipped for the hard-bounced contact, sent to the others.
      await api('/clock/advance', { ms: 86_400_000 });
      await waitFor('the follow-up to c-ok', async () => (await item('c-ok', 'follow-up'))?.status === 'sent');
      expect(await item('c-gone', 'follow-up')).toBeUndefined();
      const history = await api<Array<{ step?: string; status?: string; reason?: string }>>('/contacts/c-gone/history');
      expect(history.find((h) => h.step === 'follow-up')).toMatchObject({ status: 'skipped', reason: 'not marketable: hard bounce' });
      expect(smtp.rcptAttempts.get('gone@example.test')).toBe(1);
    } finally {
      const exited = new Promise((ok) => serve.child.once('exit', ok));
      serve.stop();
      await exited;
      await smtp.close();
    }

    // The dry run on a copy of that store skips the same marketing email.
    const copy = mkdtempSync(join(tmpdir(), 'nudge-serve-bounces-copy-'));
    cpSync(join(cwd, '.nudge'), copy, { recursive: true });
    const sim = nudge(['simulate', join(dir, 'newsletter.seq.ts'), '--store', join(copy, 'store.json'), '--start', START, '--days', '3', '--tz', 'UTC', '--json']);
    expect(sim.code, sim.stderr).toBe(0);
    const lines = sim.stdout.trim().split('\n').map((l) => JSON.parse(l) as { contact: string; step: string; status: string; reason?: string });
    expect(lines.find((l) => l.contact === 'c-gone' && l.step === 'follow-up')).toMatchObject({ status: 'skipped', reason: 'not marketable: hard bounce' });
    expect(lines.find((l) => l.contact === 'c-ok' && l.step === 'follow-up')).toMatchObject({ status: 'done' });
  }, 120_000);
});
