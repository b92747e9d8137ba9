import { describe, expect, it } from 'vitest';
import { DeliveryWorker, createTransports } from '../../runtime/delivery';
import { emailEffect, FakeClock, openStore, pending, tempDir } from './helpers';

describe('DeliveryWorker.stop', () => {
  it('ends the run in progress after its batch instead of draining the whole backlog', async () => {
    const { store } = await openStore();
    const items = Array.from({ length: 50 }, (_, i) => pending(emailEffect({ idempotencyKey: `welcome:v1:c${i}:email-1:1.0`, contactId: `c${i}` })));
    await store.commit({ outbox: items });
    let sends = 0;
    const slowEmail = {
      send: async () => { sends += 1; await new Promise((r) => setTimeout(r, 20)); },
    };
    const transports = { ...createTransports({ outboxDir: tempDir(), defaultFrom: 'Acme <hello@acme.test>' }), email: slowEmail };
    const worker = new DeliveryWorker({ store, clock: new FakeClock(), transports, batchSize: 5, concurrency: 1 });
    worker.start(1000);
    await new Promise((r) => setTimeout(r, 30));
    await worker.stop();
    // One batch of five, not the fifty waiting: the rest stays pending for the next start.
    expect(sends).toBe(5);
    const statuses = (await store.listOutbox()).map((o) => o.status);
    expect(statuses.filter((s) => s === 'sent')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'pending')).toHaveLength(45);
  });
});
