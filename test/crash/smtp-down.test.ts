// Crash test (wall clock): the SMTP server is down for a while. Twenty
// contacts submit a web form whose sequence sends an email at once and a
// second one a minute later. `nudge serve` runs on the wall clock with
// nudge.config.json `smtp` pointing at a 127.0.0.1 port where nothing
// listens: the first attempts fail and the items stay pending with a
// backoff. The server is SIGKILLed while they are pending and restarted on
// the same store; then a real SMTP server (the `smtp-server` package) starts
// on that port. Every email must arrive exactly once (by Message-ID and by
// recipient and step), and the outbox must show every item sent.
//
// Timing: the first retry comes 30 s after the first failure (backoff
// 30 s · 2^(n−1)) and the second email is due one minute after the form,
// so the test takes about 65 s.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { api, startServer, TOKEN, type Server, type Workspace } from './helpers';

const CONTACTS = 20;
const FORM = 'smtp-down-form';
const SEQUENCE_ID = 'smtp-down';
/** How long the SMTP server stays down after the restart (the first retry is ~30 s after the first failure). */
const DOWN_AFTER_RESTART_MS = 3_000;

const SEQUENCE_SOURCE = `
import { sequence, start, formSubmitted } from 'nudge';

const path = start('Two emails')
  .email({ id: 'first-email', subject: 'First for ~Contact.FirstName|friend~', body: 'Hello ~Contact.FirstName|there~, this is the first. Unsubscribe: ~Unsubscribe~ ~Account.Address~', from: 'hello@acme.test' })
  .delay('1m')
  .email({ id: 'second-email', subject: 'Second for ~Contact.FirstName|friend~', body: 'Hello again ~Contact.FirstName|there~. Unsubscribe: ~Unsubscribe~ ~Account.Address~', from: 'hello@acme.test' });

export default sequence('${SEQUENCE_ID}', {
  name: 'SMTP down test',
  startOn: formSubmitted('${FORM}'),
  paths: [path],
});
`;

interface Received { to: string[]; messageId: string; key: string; subject: string; at: number }
interface Item { key: string; status: string; attempts: number; nextAttemptAt?: number; lastError?: string; effect: { type: string; to?: string[]; stepId?: string; contactId: string } }

const log = (...args: unknown[]) => console.log('[smtp-down]', ...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port that was free a moment ago: nothing listens there until the SMTP server starts. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

function header(raw: string, name: string): string {
  // Unfold continuation lines, then read the header block only.
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return m ? m[1].trim() : '';
}

async function startSmtp(port: number): Promise<{ mails: Received[]; close(): Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: header(raw, 'Message-ID'),
          key: header(raw, 'X-Nudge-Idempotency-Key'),
          subject: header(raw, 'Subject'),
          at: Date.now(),
        });
        done();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { mails, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

function makeWorkspace(smtpPort: number): Workspace {
  const cwd = mkdtempSync(join(tmpdir(), 'nudge-smtp-down-'));
  mkdirSync(join(cwd, 'seq'));
  writeFileSync(join(cwd, 'seq', `${SEQUENCE_ID}.seq.ts`), SEQUENCE_SOURCE);
  const outboxDir = join(cwd, 'outbox');
  writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({
    accountZone: 'America/New_York', token: TOKEN, outboxDir,
    publicUrl: 'http://localhost', account: { name: 'Acme Coffee', address: '1 Main St, Springfield, IL 62701' }, smtp: { host: '127.0.0.1', port: smtpPort, secure: false, timeoutMs: 5_000 },
  }));
  mkdirSync(join(cwd, '.nudge'));
  return { cwd, storeFile: join(cwd, '.nudge/store.json'), outboxDir };
}

function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) (seen.has(k) ? dup : seen).add(k);
  return [...dup];
}

async function outbox(url: string): Promise<Item[]> {
  return api<Item[]>(url, 'GET', '/outbox');
}

const summary = (items: Item[]) => items.map((i) => ({ key: i.key, status: i.status, attempts: i.attempts, lastError: i.lastError }));

describe('crash test: wall clock, SMTP server down for a while', () => {
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const f of cleanup.reverse()) await f();
    cleanup.length = 0;
  });

  it('delivers every email exactly once after the SMTP server comes back, across a SIGKILL', async () => {
    const t0 = Date.now();
    const at = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    const port = await freePort();
    const ws = makeWorkspace(port);
    log(`workspace ${ws.cwd}; SMTP port ${port} (nothing listens yet)`);

    let server: Server = startServer(ws, ['--clock', 'wall']);
    cleanup.push(() => server.child.kill('SIGKILL'));
    let url = await server.url;
    log(`${at()}: serving at ${url}`);

    // Twenty contacts enter through the public form.
    const emails = Array.from({ length: CONTACTS }, (_, i) => `lead${String(i + 1).padStart(2, '0')}@example.test`);
    const formAt = Date.now();
    for (const [i, email] of emails.entries()) {
      const res = await fetch(`${url}/forms/${FORM}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, firstName: `Lead${i + 1}` }),
      });
      expect(res.status, await res.text()).toBe(202);
    }
    log(`${at()}: ${CONTACTS} forms submitted in ${Date.now() - formAt} ms`);

    // The first emails are tried, fail (connection refused) and wait for their retry.
    let items: Item[] = [];
    for (const deadline = Date.now() + 15_000; ;) {
      items = await outbox(url);
      if (items.length === CONTACTS && items.every((i) => i.status === 'pending' && i.attempts >= 1)) break;
      if (Date.now() > deadline) throw new Error(`first attempts not recorded:\n${JSON.stringify(summary(items), null, 1)}\n${server.output().slice(-3000)}`);
      await sleep(200);
    }
    expect(items.every((i) => i.effect.type === 'email' && i.effect.stepId === 'first-email')).toBe(true);
    expect(items.every((i) => i.nextAttemptAt !== undefined && i.nextAttemptAt > Date.now())).toBe(true);
    log(`${at()}: ${items.length} pending, attempts ${[...new Set(items.map((i) => i.attempts))].join('/')}, lastError e.g. ${items[0].lastError}`);
    const retryAt = new Map(items.map((i) => [i.key, i.nextAttemptAt]));
    // The outbox route shows the worker's records as soon as they are committed, a moment before they
    // are on disk. A write's answer waits for its flush, and a flush makes every earlier commit durable
    // (group commit): after this one (the same first name again: nothing changes), the crash below
    // tests the stored backoff, not how quickly a busy machine fsyncs.
    const first = await api<{ id: string; firstName: string }>(url, 'GET', `/contacts/${items[0].effect.contactId}`);
    await api(url, 'PATCH', `/contacts/${first.id}`, { firstName: first.firstName });

    // SIGKILL while they are pending, restart on the same store.
    server.child.kill('SIGKILL');
    await server.exited;
    server = startServer(ws, ['--clock', 'wall']);
    url = await server.url;
    log(`${at()}: SIGKILLed and restarted at ${url}`);
    items = await outbox(url);
    expect(items.length).toBe(CONTACTS);
    expect(summary(items).filter((i) => i.status !== 'pending' || i.attempts < 1)).toEqual([]);
    // The backoff survived the crash: the stored retry instants are unchanged.
    expect(items.filter((i) => i.nextAttemptAt !== retryAt.get(i.key)).map((i) => i.key)).toEqual([]);

    // The SMTP server is still down a little after the restart, then comes back.
    await sleep(DOWN_AFTER_RESTART_MS);
    items = await outbox(url);
    expect(items.filter((i) => i.status !== 'pending').map((i) => i.key)).toEqual([]);
    const smtp = await startSmtp(port);
    cleanup.push(() => smtp.close());
    log(`${at()}: SMTP server up on ${port}`);

    // Every email: the first ones at their retry (~30 s after the first failure), the second ones a minute after the form.
    const expected = CONTACTS * 2;
    for (const deadline = t0 + 78_000; smtp.mails.length < expected && Date.now() < deadline;) await sleep(200);
    log(`${at()}: ${smtp.mails.length} emails received`);
    const firstBatch = smtp.mails.filter((m) => m.key.includes('first-email'));
    if (firstBatch.length > 0) log(`first emails arrived ${((Math.min(...firstBatch.map((m) => m.at)) - t0) / 1000).toFixed(1)}–${((Math.max(...firstBatch.map((m) => m.at)) - t0) / 1000).toFixed(1)} s`);
    // Wait for the outbox to show them all sent, then a little longer for any resend.
    for (const deadline = Date.now() + 5_000; ;) {
      items = await outbox(url);
      if (items.length === expected && items.every((i) => i.status === 'sent')) break;
      if (Date.now() > deadline) break;
      await sleep(200);
    }
    await sleep(1_500);
    items = await outbox(url);

    // Exactly once: no Message-ID twice, no recipient twice for the same step, none missing.
    const ids = smtp.mails.map((m) => m.messageId);
    expect(ids.every((id) => id !== '')).toBe(true);
    expect(duplicates(ids)).toEqual([]);
    expect(duplicates(smtp.mails.map((m) => m.key))).toEqual([]);
    const byStep = (step: string) => smtp.mails.filter((m) => m.key.includes(step)).flatMap((m) => m.to);
    expect(duplicates(byStep('first-email'))).toEqual([]);
    expect(duplicates(byStep('second-email'))).toEqual([]);
    expect(byStep('first-email').sort()).toEqual(emails);
    expect(byStep('second-email').sort()).toEqual(emails);
    expect(smtp.mails.length).toBe(expected);
    // Every Message-ID is the one its outbox item's key stands for.
    expect(new Set(smtp.mails.map((m) => m.key))).toEqual(new Set(items.map((i) => i.key)));

    // The outbox: every item sent; first emails after one failed attempt at least, second ones at the first try.
    expect(items.length).toBe(expected);
    expect(summary(items).filter((i) => i.status !== 'sent')).toEqual([]);
    const attempts = (step: string) => items.filter((i) => i.effect.stepId === step).map((i) => i.attempts);
    expect(attempts('first-email').every((n) => n >= 2)).toBe(true);
    expect(attempts('second-email').every((n) => n === 1)).toBe(true);
    log(`${at()}: done; attempts first-email ${[...new Set(attempts('first-email'))].join('/')}, second-email ${[...new Set(attempts('second-email'))].join('/')}`);
  }, 120_000);
});
