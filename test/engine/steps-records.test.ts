/**
 * Process objects that create records or call out (SEMANTICS §1 table):
 * note, task, appointment, opportunity, fulfillment, order, HTTP Post.
 */
import { describe, expect, it } from 'vitest';
import { purchased, sequence, start } from 'nudge';
import type { Contact } from '../../runtime/engine/model';
import { effectsOf, iso, run, shown, utc } from './helpers';

const ada: Contact = { id: 'c1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'Engines', ownerId: 'u-ann' };
const NY = 'America/New_York';

describe('applyNote', () => {
  it('adds a date-stamped note with merged subject and body and its action type', () => {
    const seq = sequence('n', {
      name: 'Notes',
      paths: [start().delay('2h').applyNote({ subject: 'Called ~Contact.FirstName~', body: 'Owner ~Owner.FirstName~ spoke to ~Contact.Company~', type: 'Call' })],
    });
    const result = run([seq], [ada], { start: '2026-03-02T10:00:00Z', days: 1 });
    const [n] = effectsOf(result.effects, 'note');
    expect(n).toMatchObject({ contactId: 'c1', sequenceId: 'n', subject: 'Called Ada', body: 'Owner Ann spoke to Engines', noteType: 'Call' });
    expect(iso(n.at)).toBe('2026-03-02T12:00:00.000Z');
    expect(n.id).toContain('c1');
  });
});

describe('createTask', () => {
  const task = (opts: { due?: `${number}${'m' | 'h' | 'd' | 'w'}`; assignTo?: string }) => sequence('t', {
    name: 'Tasks',
    paths: [start().createTask({ title: 'Call ~Contact.FirstName~', description: 'About ~Contact.Company~', priority: 'high', ...opts })],
  });
  // Saturday 2026-03-07 10:00 EST; New York springs forward that night.
  const SAT = '2026-03-07T15:00:00Z';

  it("is due a calendar day later at the same wall time in the account zone for '1d' (23 hours across spring-forward)", () => {
    const result = run([task({ due: '1d' })], [ada], { start: SAT, days: 1, zone: NY });
    const [t] = effectsOf(result.effects, 'task');
    expect(t).toMatchObject({ userId: 'u-ann', title: 'Call Ada', description: 'About Engines', priority: 'high' });
    expect(iso(t.dueAt)).toBe('2026-03-08T14:00:00.000Z'); // Sun 10:00 EDT
  });

  it("counts hours as elapsed time, weeks as calendar days, and is due at once by default", () => {
    const due = (d?: `${number}${'m' | 'h' | 'd' | 'w'}`) =>
      iso(effectsOf(run([task(d ? { due: d } : {})], [ada], { start: SAT, days: 1, zone: NY }).effects, 'task')[0].dueAt);
    expect(due('2h')).toBe('2026-03-07T17:00:00.000Z');
    expect(due('1w')).toBe('2026-03-14T14:00:00.000Z'); // Sat 10:00 EDT
    expect(due()).toBe('2026-03-07T15:00:00.000Z');
  });

  it("goes to the contact's owner by default, or to the named user", () => {
    const toBob = run([task({ assignTo: 'u-bob' })], [ada], { start: SAT, days: 1 });
    expect(effectsOf(toBob.effects, 'task')[0].userId).toBe('u-bob');
  });

  it('fails for a contact without an owner, and for an unknown user', () => {
    const result = run([task({})], [{ id: 'c2' }], { start: SAT, days: 1 });
    expect(shown(result)).toEqual([`${iso(utc(SAT))} c2 t/0 task-call failed (contact has no owner)`]);
    const unknown = run([task({ assignTo: 'u-zed' })], [ada], { start: SAT, days: 1 });
    expect(unknown.trace.map((l) => `${l.status} (${l.reason})`)).toEqual(['failed (unknown user u-zed)']);
    expect([...result.effects, ...unknown.effects]).toEqual([]);
  });
});

describe('createAppointment', () => {
  // Friday 2026-03-06 09:00 EST.
  const FRI = '2026-03-06T14:00:00Z';

  it("starts 'in' later at 'at' local time in the account zone and lasts 'length'", () => {
    const seq = sequence('a', {
      name: 'Appointments',
      paths: [start().createAppointment({ title: 'Onboarding with ~Contact.FirstName~', in: '2d', at: '10:00', length: '45m', location: 'Zoom', assignTo: 'u-bob' })],
    });
    const result = run([seq], [ada], { start: FRI, days: 1, zone: NY });
    const [a] = effectsOf(result.effects, 'appointment');
    expect(a).toMatchObject({ userId: 'u-bob', title: 'Onboarding with Ada', location: 'Zoom' });
    expect(iso(a.startsAt)).toBe('2026-03-08T14:00:00.000Z'); // Sun 10:00 EDT
    expect(iso(a.endsAt)).toBe('2026-03-08T14:45:00.000Z');
  });

  it("keeps the step's time of day without 'at', and defaults to the owner, tomorrow, 30 minutes", () => {
    const seq = sequence('a', { name: 'Appointments', paths: [start().createAppointment({ title: 'Check-in' })] });
    const result = run([seq], [ada], { start: FRI, days: 1, zone: NY });
    const [a] = effectsOf(result.effects, 'appointment');
    expect(a.userId).toBe('u-ann');
    expect(iso(a.startsAt)).toBe('2026-03-07T14:00:00.000Z');
    expect(a.endsAt - a.startsAt).toBe(30 * 60_000);
  });

  it('fails for a contact without an owner', () => {
    const seq = sequence('a', { name: 'Appointments', paths: [start().createAppointment({ title: 'Check-in' })] });
    const result = run([seq], [{ id: 'c2' }], { start: FRI, days: 1 });
    expect(result.trace.map((l) => `${l.status} (${l.reason})`)).toEqual(['failed (contact has no owner)']);
  });
});

describe('createOpportunity and addToFulfillmentList', () => {
  it('opens an opportunity for the owner with merged title and notes', () => {
    const seq = sequence('o', {
      name: 'Opportunity',
      paths: [start().createOpportunity({ title: 'Upsell ~Contact.Company~', stage: 'Qualified', products: ['beans', 'grinder'], projectedRevenue: 1200, notes: 'Ask ~Contact.FirstName~' })],
    });
    const result = run([seq], [ada], { start: '2026-03-02T10:00:00Z', days: 1 });
    expect(effectsOf(result.effects, 'opportunity')[0]).toMatchObject({
      userId: 'u-ann', title: 'Upsell Engines', stage: 'Qualified', products: ['beans', 'grinder'], projectedRevenue: 1200, notes: 'Ask Ada',
    });
  });

  it('adds the contact to the named fulfillment list', () => {
    const seq = sequence('f', { name: 'Fulfillment', paths: [start().addToFulfillmentList('Welcome kit')] });
    const result = run([seq], [ada, { id: 'c2' }], { start: '2026-03-02T10:00:00Z', days: 1 });
    expect(effectsOf(result.effects, 'fulfillment').map((f) => [f.contactId, f.list])).toEqual([['c1', 'Welcome kit'], ['c2', 'Welcome kit']]);
  });
});

describe('createOrder', () => {
  it('totals price × quantity over the items, to the cent (quantity 1 and price 0 by default)', () => {
    const seq = sequence('o', {
      name: 'Order',
      paths: [start().createOrder({
        items: [{ product: 'beans', quantity: 3, price: 19.99 }, { product: 'mug', quantity: 2, price: 0.1 }, { product: 'sticker' }],
        payment: 'payableInvoice', promoCode: 'SPRING',
      })],
    });
    const result = run([seq], [ada], { start: '2026-03-02T10:00:00Z', days: 1 });
    const [o] = effectsOf(result.effects, 'order');
    expect(o.total).toBe(60.17);
    expect(o.items).toEqual([{ product: 'beans', quantity: 3, price: 19.99 }, { product: 'mug', quantity: 2, price: 0.1 }, { product: 'sticker', quantity: 1 }]);
    expect(o.promoCode).toBe('SPRING');
  });
});

describe('~Order.…~ merge fields', () => {
  it('fill from the last order the enrollment created: id, total as money, products', () => {
    const seq = sequence('inv', {
      name: 'Invoice',
      paths: [start()
        .email({ subject: 'Order ~Order.Id|none yet~', body: 'x', id: 'before' })
        .createOrder({ items: [{ product: 'monthly', price: 24.5 }, { product: 'mug', quantity: 2, price: 3 }], payment: 'payableInvoice' })
        .email({ subject: 'Invoice ~Order.Id~', body: 'Please pay ~Order.Total~ for ~Order.Products~.', id: 'after' })],
    });
    const result = run([seq], [ada], { start: '2026-03-02T10:00:00Z', days: 1 });
    const [order] = effectsOf(result.effects, 'order');
    const [before, after] = effectsOf(result.effects, 'email');
    expect(before.subject).toBe('Order none yet');
    // The public id, never the internal record key (sequence, version, contact and step).
    expect(order.publicId).toMatch(/^ORD-[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(after.subject).toBe(`Invoice ${order.publicId}`);
    expect(after.subject).not.toContain(order.id);
    expect(after.body).toBe('Please pay 30.50 for monthly, mug.');
  });

  it('fill from the order whose purchase goal started the sequence', () => {
    const shop = sequence('shop', { name: 'Shop', paths: [start().createOrder({ items: [{ product: 'starter-kit', price: 49 }], payment: 'autocharge' })] });
    const thanks = sequence('thanks', {
      name: 'Thanks', startOn: purchased(),
      paths: [start().email({ subject: 'Thanks for buying ~Order.Products~', body: 'Total ~Order.Total~' })],
    });
    const result = run([shop, thanks], [{ ...ada, card: { last4: '4242' } }], {
      start: '2026-03-02T10:00:00Z', days: 1, enrollAll: false,
      inputs: [{ at: '2026-03-02T10:00:00Z', contactId: 'c1', enroll: ['shop'] }],
    });
    expect(effectsOf(result.effects, 'email').map((e) => [e.subject, e.body])).toEqual([['Thanks for buying starter-kit', 'Total 49.00']]);
  });

  it('~Order.Id~ of a purchase-started sequence is the paid order\'s public id, stable across runs', () => {
    const shop = sequence('shop', { name: 'Shop', paths: [start().createOrder({ items: [{ product: 'starter-kit', price: 49 }], payment: 'autocharge' })] });
    const thanks = sequence('thanks', { name: 'Thanks', startOn: purchased(), paths: [start().email({ subject: 'Order ~Order.Id~', body: 'x' })] });
    const once = () => run([shop, thanks], [{ ...ada, card: { last4: '4242' } }], {
      start: '2026-03-02T10:00:00Z', days: 1, enrollAll: false,
      inputs: [{ at: '2026-03-02T10:00:00Z', contactId: 'c1', enroll: ['shop'] }],
    });
    const first = once();
    const [order] = effectsOf(first.effects, 'order');
    const [mail] = effectsOf(first.effects, 'email');
    expect(mail.subject).toBe(`Order ${order.publicId}`);
    expect(mail.subject).not.toMatch(/shop|c1|v1/);
    expect(effectsOf(once().effects, 'email')[0].subject).toBe(mail.subject);
  });
});

describe('httpPost', () => {
  it('posts the url with merged name/value pairs, form-encoded by default, with an idempotency key', () => {
    const seq = sequence('h', {
      name: 'Hook',
      paths: [start()
        .httpPost({ url: 'https://members.acme.test/hook', fields: { email: '~Contact.Email~', name: '~Contact.FirstName~ ~Contact.LastName~', level: 'gold', owner: '~Owner.Email|none~' }, id: 'form' })
        .httpPost({ url: 'https://crm.acme.test/api', fields: { id: '~Contact.Id~' }, format: 'json', id: 'json' })],
    });
    const result = run([seq], [ada], { start: '2026-03-02T10:00:00Z', days: 1 });
    const [form, json] = effectsOf(result.effects, 'httpPost');
    expect(form).toMatchObject({
      url: 'https://members.acme.test/hook', format: 'form',
      fields: { email: 'ada@example.com', name: 'Ada Lovelace', level: 'gold', owner: 'ann@acme.test' },
    });
    expect(json).toMatchObject({ url: 'https://crm.acme.test/api', format: 'json', fields: { id: 'c1' } });
    expect(form.idempotencyKey).toMatch(/^h:v1:c1:form:/);
    expect(form.idempotencyKey).not.toBe(json.idempotencyKey);
  });
});
