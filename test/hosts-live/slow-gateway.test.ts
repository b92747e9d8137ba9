/**
 * A payment gateway is the network: seconds per charge. The live host asks
 * it outside its serial queue, so other contacts' due steps go on meanwhile,
 * and the answer comes back as an event that finishes the order step.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { purchased, sequence, start } from 'nudge';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import type { ChargeRequest, ChargeResult, PaymentGateway } from '../../runtime/hosts/payment-gateway';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import type { Contact } from '../../runtime/engine/model';

const shop = sequence('shop', { name: 'Shop', paths: [start().delay('1h').createOrder({ items: [{ product: 'starter-kit', price: 49 }], payment: 'autocharge' })] });
const thanks = sequence('thanks', { name: 'Thanks', startOn: purchased('starter-kit'), paths: [start().email({ subject: 'Thanks', body: 'Enjoy.' })] });
const welcome = sequence('welcome', { name: 'Welcome', paths: [start().delay('1h').email({ subject: 'Hi', body: 'Welcome.' })] });
const SEQUENCES = [shop, thanks, welcome].map((ir) => ({ ir, version: 1 }));

const contacts: Contact[] = [
  { id: 'a', email: 'a@example.test', card: { last4: '4242' } },
  { id: 'b', email: 'b@example.test' },
];
const START = Date.parse('2026-12-04T15:00:00Z');
const HOUR = 3_600_000;

/** Approves after `ms` of wall time, like a gateway across the network; remembers what it was asked. */
function slowGateway(ms: number): PaymentGateway & { asked: ChargeRequest[] } {
  const asked: ChargeRequest[] = [];
  return {
    asked,
    charge: (request) => {
      asked.push(request);
      return new Promise<ChargeResult>((resolve) => setTimeout(() => resolve({ approved: true }), ms));
    },
  };
}

async function openStore() {
  const file = join(mkdtempSync(join(tmpdir(), 'nudge-gateway-')), 'store.json');
  const store = await LowdbStore.open(file);
  await store.commit({ contacts });
  return { store, file };
}

const stepsOf = async (store: LowdbStore, id: string) => (await store.history(id)).filter((h) => h.step).map((h) => `${h.sequence}/${h.step} ${h.status}`);

describe('a slow payment gateway in the live runtime', () => {
  it("does not delay other contacts' due steps; afterwards the order is paid and the purchased goal fires", async () => {
    const { store } = await openStore();
    const clock = new SimulatedClock(START);
    const gateway = slowGateway(2000);
    const host = await RuntimeHost.create({ store, clock, accountZone: 'UTC', gateway });
    host.publish(SEQUENCES);
    await host.apply('a', { enroll: ['shop'] });
    await host.apply('b', { enroll: ['welcome'] });
    clock.advance(HOUR);

    const began = Date.now();
    expect(await host.runDue()).toBe(2);
    // B's email, due at the same instant as A's order, is recorded while A's charge is in flight.
    expect(Date.now() - began).toBeLessThan(1000);
    expect(await stepsOf(store, 'b')).toEqual(['welcome/wait-1h done', 'welcome/email-hi done']);
    expect((await store.listOutbox({ contactId: 'b' })).map((o) => o.effect.type)).toEqual(['email']);
    expect(await store.listRecords('order')).toEqual([]);
    expect(gateway.asked.map((r) => [r.contact.id, r.total])).toEqual([['a', 49]]);

    await host.chargesSettled();
    expect(Date.now() - began).toBeGreaterThanOrEqual(1900);
    expect((await store.listRecords('order')).map((o) => [o.contactId, o.status, o.total])).toEqual([['a', 'paid', 49]]);
    expect(await stepsOf(store, 'a')).toEqual(['shop/wait-1h done', 'shop/order-starter-kit done', 'thanks/email-thanks done']);
    expect((await store.listOutbox({ contactId: 'a' })).map((o) => (o.effect as { subject: string }).subject)).toEqual(['Thanks']);
  }, 10_000);

  it('charges an order once: a restart with the charge in flight asks again with the same idempotency key', async () => {
    const { store, file } = await openStore();
    const clock = new SimulatedClock(START);
    const lost: PaymentGateway & { asked: ChargeRequest[] } = { asked: [], charge(request) { this.asked.push(request); return new Promise(() => {}); } };
    const first = await RuntimeHost.create({ store, clock, accountZone: 'UTC', gateway: lost });
    first.publish(SEQUENCES);
    await first.apply('a', { enroll: ['shop'] });
    clock.advance(HOUR);
    await first.runDue();
    await store.flush();
    expect(lost.asked).toHaveLength(1);
    await store.close();

    const reopened = await LowdbStore.open(file);
    const gateway = slowGateway(10);
    const again = await RuntimeHost.create({ store: reopened, clock, accountZone: 'UTC', gateway });
    again.publish(SEQUENCES);
    await again.chargesSettled();
    expect(gateway.asked.map((r) => r.idempotencyKey)).toEqual([lost.asked[0].idempotencyKey]);
    expect((await reopened.listRecords('order')).map((o) => o.status)).toEqual(['paid']);
    expect(await again.runDue()).toBe(0);
    again.publish(SEQUENCES);
    await again.chargesSettled();
    expect(gateway.asked).toHaveLength(1);
    expect(await stepsOf(reopened, 'a')).toEqual(['shop/wait-1h done', 'shop/order-starter-kit done', 'thanks/email-thanks done']);
  });
});
