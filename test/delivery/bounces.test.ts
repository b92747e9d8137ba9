/**
 * SMTP answers per recipient: a real smtp-server refuses one address for
 * good (550 at RCPT TO) and defers another (451). The refused address is
 * tried once and reported as a hard bounce; the deferred one is tried again
 * with backoff and reported as a soft bounce when its attempts run out; a
 * message to several people (a staff notification) reaches the ones who
 * take it once, and only the deferred ones are tried again. The same holds
 * when sending runs on the delivery thread.
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryThread } from '../../runtime/delivery/delivery-thread-client';
import { DeliveryWorker, type DeliveryEmailEvent } from '../../runtime/delivery/delivery-worker';
import { SmtpEmailTransport } from '../../runtime/delivery/email-transport';
import { createTransports } from '../../runtime/delivery/create-transports';
import type { Transports } from '../../runtime/delivery/transport';
import { ROOT } from '../cli/run-nudge';
import { startBouncingSmtp } from './bouncing-smtp';
import { emailEffect, FakeClock, openStore, pending, tempDir } from './helpers';

const FROM = 'Acme <hello@acme.test>';
const GONE = 'gone@example.test';
const BUSY = 'busy@example.test';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const toGone = emailEffect({ idempotencyKey: 'welcome:v1:c1:email-1:1.1', contactId: 'c1', to: [GONE], subject: 'Hi Gone' });
const toBusy = emailEffect({ idempotencyKey: 'welcome:v1:c2:email-1:1.1', contactId: 'c2', to: [BUSY], subject: 'Hi Busy' });
// A staff notification: three owners, one gone, one deferred, one fine.
const toStaff = emailEffect({
  idempotencyKey: 'welcome:v1:c3:notify-1:1.1', contactId: 'c3', stepId: 'notify-1',
  to: ['Ok Owner <ok@acme.test>', `Gone Owner <${GONE}>`, BUSY], subject: 'New lead',
});

async function scenario(transports: (smtpPort: number) => Transports) {
  const smtp = await startBouncingSmtp({ hard: [GONE], soft: [BUSY] });
  cleanups.push(smtp.close);
  const { store } = await openStore();
  const clock = new FakeClock();
  const events: DeliveryEmailEvent[] = [];
  await store.commit({ outbox: [pending(toGone), pending(toBusy), pending(toStaff)] });
  const worker = new DeliveryWorker({
    store, clock, transports: transports(smtp.port), maxAttempts: 3,
    onEmailEvent: (e) => void events.push(e),
  });
  return { smtp, store, clock, events, worker };
}

async function checkOutcomes(s: Awaited<ReturnType<typeof scenario>>): Promise<void> {
  const { smtp, store, clock, events, worker } = s;
  expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1, retried: 2 });
  const byKey = async () => new Map((await store.listOutbox()).map((i) => [i.key, i]));
  let items = await byKey();
  expect(items.get(toGone.idempotencyKey)).toMatchObject({ status: 'failed', attempts: 1 });
  expect(items.get(toGone.idempotencyKey)!.lastError).toMatch(/hard bounce.*gone@example\.test \(550 5\.1\.1/);
  expect(items.get(toBusy.idempotencyKey)).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: clock.now() + 30_000 });
  // The owner who took the notification has it; only the deferred owner is left to try.
  const staff = items.get(toStaff.idempotencyKey)!;
  expect(staff).toMatchObject({ status: 'pending', attempts: 1 });
  expect(staff.effect).toMatchObject({ to: [BUSY] });
  expect(smtp.mails.map((m) => m.to)).toEqual([['ok@acme.test']]);
  expect(events.map((e) => [e.kind, e.email, e.key]).sort()).toEqual([
    ['hard-bounce', GONE, toGone.idempotencyKey],
    ['hard-bounce', GONE, toStaff.idempotencyKey],
  ].sort());
  expect(events[0].detail).toMatch(/^550 5\.1\.1/);

  // Two more attempts for the deferred address, then it counts as a soft bounce, once per message.
  clock.advance(30_000);
  expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 2 });
  clock.advance(60_000);
  expect(await worker.runOnce()).toEqual({ sent: 0, failed: 2, retried: 0 });
  items = await byKey();
  expect(items.get(toBusy.idempotencyKey)).toMatchObject({ status: 'failed', attempts: 3 });
  expect(items.get(toBusy.idempotencyKey)!.lastError).toMatch(/soft bounce.*busy@example\.test \(451 4\.2\.1/);
  expect(events.filter((e) => e.kind === 'soft-bounce').map((e) => [e.email, e.key]).sort()).toEqual([
    [BUSY, toBusy.idempotencyKey], [BUSY, toStaff.idempotencyKey],
  ].sort());
  expect(events).toHaveLength(4);

  // The refused address was asked once per message and never again; the deferred one three times per message.
  expect(smtp.rcptAttempts.get(GONE)).toBe(2);
  expect(smtp.rcptAttempts.get(BUSY)).toBe(6);
  expect(smtp.rcptAttempts.get('ok@acme.test')).toBe(1);
  clock.advance(3_600_000);
  expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
  expect(smtp.rcptAttempts.get(GONE)).toBe(2);
}

describe('SMTP refusals per recipient (a real smtp-server answering 550 and 451 at RCPT TO)', () => {
  it('hard-bounces the 550 address after one attempt, retries the 451 one and counts it soft', async () => {
    const s = await scenario((port) => {
      const email = new SmtpEmailTransport({ host: '127.0.0.1', port }, { defaultFrom: FROM });
      cleanups.push(() => email.close());
      return { ...createTransports({ outboxDir: tempDir(), defaultFrom: FROM }), email };
    });
    await checkOutcomes(s);
  });

  it('the same through the delivery thread: the refusals cross the thread protocol', async () => {
    const s = await scenario((port) => {
      const thread = new DeliveryThread({
        workerPath: resolve(ROOT, 'dist/delivery-thread.js'),
        config: { outboxDir: tempDir(), defaultFrom: FROM, smtp: { host: '127.0.0.1', port, timeoutMs: 5_000 } },
      });
      cleanups.push(() => thread.close());
      return thread.transports;
    });
    await checkOutcomes(s);
  });

  it('a message taken by every recipient reports nothing', async () => {
    const s = await scenario((port) => {
      const email = new SmtpEmailTransport({ host: '127.0.0.1', port }, { defaultFrom: FROM });
      cleanups.push(() => email.close());
      return { ...createTransports({ outboxDir: tempDir(), defaultFrom: FROM }), email };
    });
    await s.store.commit({ outbox: (await s.store.listOutbox()).map((i) => ({ ...i, status: 'sent' as const })) });
    await s.store.commit({ outbox: [pending(emailEffect({ idempotencyKey: 'k:ok', to: ['ok@acme.test', 'ok2@acme.test'] }))] });
    expect(await s.worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(s.events).toEqual([]);
  });
});
