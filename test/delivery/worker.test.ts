import { describe, expect, it } from 'vitest';
import { DeliveryError, permanentFailure } from '../../runtime/delivery/delivery-error';
import { DeliveryWorker } from '../../runtime/delivery/delivery-worker';
import type { Transport, Transports } from '../../runtime/delivery/transport';
import type { OutgoingEffect } from '../../runtime/engine/effects';
import { openStoreCopy } from '../../runtime/store/copy-store';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { durableText } from '../store/on-disk';
import { emailEffect, FakeClock, faxEffect, letterEffect, openStore, pending, postEffect } from './helpers';

/** A transport that records calls and answers with the scripted outcomes in turn ('ok' when the script runs out). */
function scripted(script: Array<'ok' | Error> = []): Transport<OutgoingEffect> & { calls: OutgoingEffect[] } {
  const calls: OutgoingEffect[] = [];
  return {
    calls,
    async send(effect) {
      calls.push(effect);
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
    },
  };
}

function allVia(t: Transport<OutgoingEffect>): Transports {
  return { email: t, fax: t, letter: t, httpPost: t };
}

describe('DeliveryWorker', () => {
  it('sends every pending item through the transport of its type, marks it sent and makes that durable', async () => {
    const { store, file } = await openStore();
    const clock = new FakeClock();
    const email = scripted(), fax = scripted(), letter = scripted(), post = scripted();
    const effects = [emailEffect(), faxEffect(), letterEffect(), postEffect('https://example.test/hook')];
    await store.commit({ outbox: effects.map(pending) });
    const worker = new DeliveryWorker({ store, clock, transports: { email, fax, letter, httpPost: post } });

    expect(await worker.runOnce()).toEqual({ sent: 4, failed: 0, retried: 0 });
    expect([email, fax, letter, post].map((t) => t.calls.map((c) => c.type))).toEqual([['email'], ['fax'], ['letter'], ['httpPost']]);
    const onDisk = await openStoreCopy(file); // the store file and its journal: what a restart would find
    expect((await onDisk.listOutbox()).map((o) => [o.status, o.attempts, o.sentAt])).toEqual(effects.map(() => ['sent', 1, clock.now()]));
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(email.calls).toHaveLength(1);
  });

  it('sends only durable items: a commit not yet written is flushed before the transport is called', async () => {
    // A long write delay: without runOnce's flush the item would not reach the journal for 60 s.
    const { store, file } = await openStore({ writeDelayMs: 60_000 });
    const item = pending(emailEffect());
    await store.commit({ outbox: [item] });
    expect(durableText(file)).not.toContain(item.key);
    const seenOnDisk: boolean[] = [];
    const transport: Transport<OutgoingEffect> = {
      async send() {
        seenOnDisk.push(durableText(file).includes(item.key));
      },
    };
    await new DeliveryWorker({ store, clock: new FakeClock(), transports: allVia(transport) }).runOnce();
    expect(seenOnDisk).toEqual([true]);
  });

  it('retries a failure with exponential backoff (30 s, 60 s, 120 s ...) and records the error', async () => {
    const { store } = await openStore();
    const clock = new FakeClock();
    const t = scripted([new Error('connection refused'), new Error('connection refused'), 'ok']);
    await store.commit({ outbox: [pending(emailEffect())] });
    const worker = new DeliveryWorker({ store, clock, transports: allVia(t) });

    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    let [item] = await store.listOutbox();
    expect(item).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: clock.now() + 30_000, lastError: 'connection refused' });

    clock.advance(29_999);
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 }); // not due yet
    clock.advance(1);
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    [item] = await store.listOutbox();
    expect(item).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: clock.now() + 60_000 });

    clock.advance(60_000);
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    [item] = await store.listOutbox();
    expect(item).toMatchObject({ status: 'sent', attempts: 3, sentAt: clock.now() });
    expect(item.lastError).toBeUndefined();
    expect(item.nextAttemptAt).toBeUndefined();
    expect(t.calls).toHaveLength(3);
  });

  it('caps the backoff at one hour and marks the item failed after maxAttempts', async () => {
    const { store } = await openStore();
    const clock = new FakeClock();
    const t = scripted(Array.from({ length: 20 }, () => new Error('down')));
    await store.commit({ outbox: [pending(emailEffect())] });
    const worker = new DeliveryWorker({ store, clock, transports: allVia(t), maxAttempts: 10 });
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      await worker.runOnce();
      const [item] = await store.listOutbox();
      waits.push(item.nextAttemptAt! - clock.now());
      clock.advance(item.nextAttemptAt! - clock.now());
    }
    expect(waits.map((w) => w / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    const [item] = await store.listOutbox();
    expect(item).toMatchObject({ status: 'failed', attempts: 10, lastError: 'down' });
    clock.advance(86_400_000);
    await worker.runOnce();
    expect(t.calls).toHaveLength(10);
  });

  it('fails a permanent error at once, and waits at least as long as the receiver asked', async () => {
    const { store } = await openStore();
    const clock = new FakeClock();
    const post = scripted([permanentFailure('HTTP Post answered 404')]);
    const email = scripted([new DeliveryError('answered 429', { retryAfterMs: 7_200_000 })]);
    await store.commit({ outbox: [pending(postEffect('https://a.test/')), pending(emailEffect())] });
    const worker = new DeliveryWorker({ store, clock, transports: { ...allVia(email), httpPost: post } });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1, retried: 1 });
    const byKey = new Map((await store.listOutbox()).map((i) => [i.effect.type, i]));
    expect(byKey.get('httpPost')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP Post answered 404' });
    expect(byKey.get('email')).toMatchObject({ status: 'pending', nextAttemptAt: clock.now() + 7_200_000 });
  });

  it('never sends an item twice in one process, even if the store still says pending', async () => {
    const { store } = await openStore();
    // A store that loses the "sent" marks (as one rolled back to an older file would).
    const forgetful = Object.create(store) as LowdbStore;
    forgetful.commit = (batch) => store.commit({ ...batch, outbox: batch.outbox?.filter((i) => i.status !== 'sent') });
    const t = scripted();
    await store.commit({ outbox: [pending(emailEffect())] });
    const worker = new DeliveryWorker({ store: forgetful, clock: new FakeClock(), transports: allVia(t) });
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect((await store.listOutbox())[0].status).toBe('pending');
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(t.calls).toHaveLength(1);
  });

  it('runs that overlap wait for each other: concurrent runOnce calls send each item once', async () => {
    const { store } = await openStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const calls: string[] = [];
    const slow: Transport<OutgoingEffect> = { async send(e) { calls.push(e.idempotencyKey); await gate; } };
    await store.commit({ outbox: [pending(emailEffect()), pending(emailEffect({ idempotencyKey: 'welcome:v1:c2:email-1:1.1', contactId: 'c2' }))] });
    const worker = new DeliveryWorker({ store, clock: new FakeClock(), transports: allVia(slow) });
    const runs = [worker.runOnce(), worker.runOnce(), worker.runOnce()];
    release();
    const counts = await Promise.all(runs);
    expect(counts.map((c) => c.sent)).toEqual([2, 0, 0]);
    expect(calls).toHaveLength(2);
  });

  it('does not bring back the outbox item of a contact deleted while it was being sent', async () => {
    const { store } = await openStore();
    const transport: Transport<OutgoingEffect> = { async send() { await store.deleteContacts(['c1']); } };
    await store.commit({ contacts: [{ id: 'c1' }], outbox: [pending(emailEffect())] });
    await new DeliveryWorker({ store, clock: new FakeClock(), transports: allVia(transport) }).runOnce();
    expect(await store.listOutbox()).toEqual([]);
  });

  it('works through more items than one batch, each once per run even with zero backoff', async () => {
    const { store } = await openStore();
    const effects = Array.from({ length: 25 }, (_, i) => emailEffect({ idempotencyKey: `welcome:v1:c${i}:email-1:1.1`, contactId: `c${i}` }));
    await store.commit({ outbox: effects.map(pending) });
    const failing = scripted(Array.from({ length: 5 }, () => new Error('flaky')));
    const worker = new DeliveryWorker({ store, clock: new FakeClock(), transports: allVia(failing), batchSize: 10, backoff: () => 0, concurrency: 1 });
    expect(await worker.runOnce()).toEqual({ sent: 20, failed: 0, retried: 5 });
    expect(await worker.runOnce()).toEqual({ sent: 5, failed: 0, retried: 0 });
    expect(failing.calls).toHaveLength(30);
  });

  it('start() delivers in the background and stop() waits for the run in progress', async () => {
    const { store } = await openStore();
    const t = scripted();
    const worker = new DeliveryWorker({ store, clock: new FakeClock(), transports: allVia(t) });
    worker.start(10);
    await store.commit({ outbox: [pending(emailEffect())] });
    await expect.poll(() => t.calls.length, { timeout: 2000 }).toBe(1);
    await worker.stop();
    await store.commit({ outbox: [pending(emailEffect({ idempotencyKey: 'k2' }))] });
    await new Promise((r) => setTimeout(r, 50));
    expect(t.calls).toHaveLength(1);
    expect((await store.listOutbox({ status: 'sent' })).map((i) => i.key)).toEqual([emailEffect().idempotencyKey]);
  });
});
