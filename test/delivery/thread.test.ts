/**
 * The delivery thread (the real dist/delivery-thread.js, built by the
 * global setup) driven by the real DeliveryWorker on a real LowdbStore,
 * against a real SMTP server: outcomes decided in the thread are recorded
 * by the main thread; a thread that dies mid-send leaves its item pending
 * and is replaced; a shutdown lets sends in progress finish.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryThread, type DeliveryThreadOptions } from '../../runtime/delivery/delivery-thread-client';
import { DeliveryWorker } from '../../runtime/delivery/delivery-worker';
import { createLinkTokens } from '../../runtime/delivery/link-tokens';
import { openStoreCopy } from '../../runtime/store/copy-store';
import { ROOT } from '../cli/run-nudge';
import { decodeQp, emailEffect, FakeClock, faxEffect, freePort, letterEffect, openStore, parseHeaders, pending, startSmtp, tempDir, type ReceivedMail } from './helpers';

const WORKER = resolve(ROOT, 'dist/delivery-thread.js');
const FROM = 'Acme <hello@acme.test>';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function thread(options: Partial<DeliveryThreadOptions> & { smtpPort?: number } = {}): { thread: DeliveryThread; dir: string } {
  const dir = tempDir();
  const { smtpPort, ...rest } = options;
  const t = new DeliveryThread({
    workerPath: WORKER,
    config: { outboxDir: dir, defaultFrom: FROM, ...(smtpPort ? { smtp: { host: '127.0.0.1', port: smtpPort, timeoutMs: 5_000 } } : {}) },
    ...rest,
  });
  cleanups.push(() => t.close());
  return { thread: t, dir };
}

/** A real SMTP server that holds each message's final answer until `release()` (or answers at once when open). */
async function gatedSmtp(): Promise<{ port: number; mails: ReceivedMail[]; arrived: number; release(): void; open(): void; close(): Promise<void> }> {
  const waiting: Array<() => void> = [];
  let isOpen = false;
  const state = {
    port: 0,
    mails: [] as ReceivedMail[],
    arrived: 0,
    release: () => { for (const done of waiting.splice(0)) done(); },
    open: () => { isOpen = true; state.release(); },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.arrived++;
        const done = () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          state.mails.push({ raw, headers: parseHeaders(raw), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        };
        if (isOpen) done();
        else waiting.push(done);
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  state.port = (server.server.address() as { port: number }).port;
  cleanups.push(() => { state.release(); return state.close(); });
  return state;
}

describe('DeliveryThread with the DeliveryWorker', () => {
  it('sends from the thread (SMTP, fax and letter files, tracked links) and the main thread records the outcomes durably', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const { store, file } = await openStore();
    const clock = new FakeClock();
    const dir = tempDir();
    const t = new DeliveryThread({
      workerPath: WORKER,
      config: { outboxDir: dir, defaultFrom: FROM, smtp: { host: '127.0.0.1', port: smtp.port }, links: { baseUrl: 'http://127.0.0.1:4400', secret: 'thread-test-secret' } },
    });
    cleanups.push(() => t.close());
    const body = '<p>Hello Ann, see <a href="https://acme.test/offer">the offer</a>.</p>';
    await store.commit({ outbox: [pending(emailEffect({ body })), pending(faxEffect()), pending(letterEffect())] });
    const worker = new DeliveryWorker({ store, clock, transports: t.transports });

    expect(await worker.runOnce()).toEqual({ sent: 3, failed: 0, retried: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].headers.get('x-nudge-idempotency-key')).toBe('welcome:v1:c1:email-1:1.1');
    const token = /http:\/\/127\.0\.0\.1:4400\/l\/([\w-]+)/.exec(decodeQp(smtp.mails[0].raw))?.[1];
    expect(createLinkTokens('thread-test-secret').decode(token!, clock.now())).toMatchObject({ ok: true, data: { url: 'https://acme.test/offer', contactId: 'c1' } });
    expect(readdirSync(join(dir, 'fax'))).toEqual(['welcome+v1+c1+fax-1+1.1.txt']);
    expect(readdirSync(join(dir, 'letters'))).toEqual(['welcome+v1+c1+letter-1+1.1.pdf']);
    const onDisk = await openStoreCopy(file);
    expect((await onDisk.listOutbox()).map((i) => [i.effect.type, i.status, i.attempts, i.sentAt])).toEqual([
      ['email', 'sent', 1, clock.now()], ['fax', 'sent', 1, clock.now()], ['letter', 'sent', 1, clock.now()],
    ]);
  });

  it('carries failures across: a refused mailbox fails at once, a server that is down is retried with backoff', async () => {
    const smtp = await startSmtp(0, ['gone@example.test']);
    cleanups.push(smtp.close);
    const down = await freePort();
    const { store } = await openStore();
    const clock = new FakeClock();
    const { thread: up } = thread({ smtpPort: smtp.port });
    const { thread: unreachable } = thread({ smtpPort: down });
    await store.commit({ outbox: [pending(emailEffect({ to: ['gone@example.test'] }))] });
    expect(await new DeliveryWorker({ store, clock, transports: up.transports }).runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect((await store.listOutbox())[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/^SMTP refused the email to gone@example\.test .*No such user/) });

    await store.commit({ outbox: [pending(emailEffect({ idempotencyKey: 'welcome:v1:c2:email-1:1.1', contactId: 'c2' }))] });
    expect(await new DeliveryWorker({ store, clock, transports: unreachable.transports }).runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect((await store.listOutbox({ contactId: 'c2' }))[0]).toMatchObject({
      status: 'pending', attempts: 1, nextAttemptAt: clock.now() + 30_000, lastError: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('a thread that dies mid-send: the item stays pending with a backoff, a new thread starts and sends it with the same key', async () => {
    const smtp = await gatedSmtp();
    const { store, file } = await openStore();
    const clock = new FakeClock();
    const crashes: Array<{ exitCode: number; inFlight: number }> = [];
    const { thread: t } = thread({ smtpPort: smtp.port, restartDelayMs: 1_500, onCrash: ({ exitCode, inFlight }) => crashes.push({ exitCode, inFlight }) });
    const worker = new DeliveryWorker({ store, clock, transports: t.transports });
    await store.commit({ outbox: [pending(emailEffect())] });

    const run = worker.runOnce();
    await expect.poll(() => smtp.arrived, { timeout: 10_000 }).toBe(1); // the message is at the server, unanswered
    await t.thread!.terminate(); // the thread dies while sending
    expect(await run).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(crashes).toEqual([{ exitCode: 1, inFlight: 1 }]);
    const [item] = await (await openStoreCopy(file)).listOutbox();
    expect(item).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: clock.now() + 30_000, lastError: expect.stringMatching(/delivery thread exited with code 1 while sending/) });

    // Items handed over before the new thread is up wait for it instead of failing.
    await store.commit({ outbox: [pending(emailEffect({ idempotencyKey: 'welcome:v1:c2:email-1:1.1', contactId: 'c2', to: ['bo@example.test'] }))] });
    smtp.open();
    expect(t.thread).toBeNull();
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(t.starts).toBe(2);

    clock.advance(30_000);
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect((await store.listOutbox({ contactId: 'c1' }))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    // Whether the first attempt got through or not, every copy carries the item's key.
    const keys = smtp.mails.filter((m) => m.to.includes('ann@example.test')).map((m) => m.headers.get('message-id'));
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys)).toEqual(new Set(['<welcome+v1+c1+email-1+1.1@nudge.local>']));
  });

  it('shutdown: the sends in progress finish and are recorded before the thread ends', async () => {
    const smtp = await gatedSmtp();
    const { store, file } = await openStore();
    const { thread: t } = thread({ smtpPort: smtp.port });
    const worker = new DeliveryWorker({ store, clock: new FakeClock(), transports: t.transports, concurrency: 3 });
    const effects = [1, 2, 3].map((i) => emailEffect({ idempotencyKey: `welcome:v1:c${i}:email-1:1.1`, contactId: `c${i}`, to: [`p${i}@example.test`] }));
    await store.commit({ outbox: effects.map(pending) });
    worker.start(60_000);
    await expect.poll(() => smtp.arrived, { timeout: 10_000 }).toBe(3);

    const stopped = worker.stop().then(() => t.close());
    setTimeout(() => smtp.release(), 200); // the server answers while the shutdown waits
    await stopped;
    expect(t.thread).toBeNull();
    expect(smtp.mails).toHaveLength(3);
    expect((await (await openStoreCopy(file)).listOutbox()).map((i) => i.status)).toEqual(['sent', 'sent', 'sent']);
    await expect(t.transports.email.send(effects[0])).rejects.toThrow(/shutting down; the item stays pending/);
  });

  it('shutdown with a send that does not finish in time: it is failed as retryable, so the item stays pending', async () => {
    const smtp = await gatedSmtp(); // never answers
    const { store } = await openStore();
    const clock = new FakeClock();
    const { thread: t } = thread({ smtpPort: smtp.port, closeTimeoutMs: 300 });
    const worker = new DeliveryWorker({ store, clock, transports: t.transports });
    await store.commit({ outbox: [pending(emailEffect())] });
    const run = worker.runOnce();
    await expect.poll(() => smtp.arrived, { timeout: 10_000 }).toBe(1);
    const started = Date.now();
    await t.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await run).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect((await store.listOutbox())[0]).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: clock.now() + 30_000 });
  });

  it('refuses a missing thread file with what to do', () => {
    const dir = tempDir();
    expect(() => new DeliveryThread({ workerPath: join(dir, 'delivery-thread.js'), config: { outboxDir: dir, defaultFrom: FROM } }))
      .toThrow(/delivery-thread\.js is missing: rebuild Nudge \(npm run build\)/);
    expect(existsSync(WORKER)).toBe(true);
  });
});
