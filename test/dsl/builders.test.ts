/**
 * Every builder method of the start-path builder produces the IR step the
 * consumers expect: kind, params as parsed, defaults filled in, nothing else.
 */
import { describe, expect, it } from 'vitest';
import { defineContact, start } from 'nudge';
import { onlyStep } from './helpers';

describe('timers', () => {
  it('delay: parses the duration of every unit', () => {
    expect(onlyStep(start().delay('90m'))).toEqual({ id: 'wait-90m', explicitId: false, kind: 'delay', params: { duration: { amount: 90, unit: 'm' } } });
    expect(onlyStep(start().delay('12h')).params).toEqual({ duration: { amount: 12, unit: 'h' } });
    expect(onlyStep(start().delay('2d')).params).toEqual({ duration: { amount: 2, unit: 'd' } });
    expect(onlyStep(start().delay('1w')).params).toEqual({ duration: { amount: 1, unit: 'w' } });
    expect(onlyStep(start().delay('0m')).params).toEqual({ duration: { amount: 0, unit: 'm' } });
  });

  it('delay: keeps days, time of day and zone as written', () => {
    expect(onlyStep(start().delay('3d', { on: 'weekdays', at: '08:00', tz: 'contact' })).params)
      .toEqual({ duration: { amount: 3, unit: 'd' }, on: 'weekdays', at: '08:00', tz: 'contact' });
    expect(onlyStep(start().delay('0m', { on: 'weekdays', between: ['09:00', '17:00'] })).params)
      .toEqual({ duration: { amount: 0, unit: 'm' }, on: 'weekdays', between: ['09:00', '17:00'] });
    expect(onlyStep(start().delay('1d', { on: ['mon', 'wed', 'fri'], tz: 'Australia/Sydney' })).params)
      .toEqual({ duration: { amount: 1, unit: 'd' }, on: ['mon', 'wed', 'fri'], tz: 'Australia/Sydney' });
    expect(onlyStep(start().delay('1d', { on: 'any', tz: 'account' })).params)
      .toEqual({ duration: { amount: 1, unit: 'd' }, on: 'any', tz: 'account' });
  });

  it('delay and waitUntil: a single weekday written as a string is a list of one day', () => {
    expect(onlyStep(start().delay('1d', { on: 'mon' as any })).params).toEqual({ duration: { amount: 1, unit: 'd' }, on: ['mon'] });
    expect(onlyStep(start().waitUntil('2026-12-24', { on: 'sat' as any, at: '10:00' })).params)
      .toEqual({ date: '2026-12-24', on: ['sat'], at: '10:00' });
  });

  it('waitUntil: date, range, days, time of day and zone', () => {
    expect(onlyStep(start().waitUntil('2026-12-24'))).toEqual({ id: 'until-2026-12-24', explicitId: false, kind: 'date', params: { date: '2026-12-24' } });
    expect(onlyStep(start().waitUntil('2026-12-14', { until: '2026-12-18', on: 'weekdays', between: ['10:00', '16:00'], tz: 'contact' })).params)
      .toEqual({ date: '2026-12-14', until: '2026-12-18', on: 'weekdays', between: ['10:00', '16:00'], tz: 'contact' });
    expect(onlyStep(start().waitUntil('2027-01-06', { on: ['sat', 'sun'], at: '00:00', tz: 'America/New_York' })).params)
      .toEqual({ date: '2027-01-06', on: ['sat', 'sun'], at: '00:00', tz: 'America/New_York' });
  });

  it("fieldTimer: occurrence defaults to 'next'; offsets are signed", () => {
    expect(onlyStep(start().fieldTimer('birthday'))).toEqual({
      id: 'field-birthday', explicitId: false, kind: 'field', params: { field: 'birthday', occurrence: 'next' },
    });
    expect(onlyStep(start().fieldTimer('birthday', { offset: '-3d', at: '09:00', tz: 'contact', repeat: 'yearly' })).params)
      .toEqual({ field: 'birthday', offset: { amount: -3, unit: 'd' }, occurrence: 'next', at: '09:00', tz: 'contact', repeat: 'yearly' });
    expect(onlyStep(start().fieldTimer('anniversary', { offset: '2w', occurrence: 'exact' })).params)
      .toEqual({ field: 'anniversary', offset: { amount: 2, unit: 'w' }, occurrence: 'exact' });
    expect(onlyStep(start().fieldTimer('anniversary', { offset: '+1mo' })).params.offset).toEqual({ amount: 1, unit: 'mo' });
    expect(onlyStep(start().fieldTimer('anniversary', { offset: '-1mo' })).params.offset).toEqual({ amount: -1, unit: 'mo' });
    expect(onlyStep(start().fieldTimer('birthday', { offset: '-1h' })).params.offset).toEqual({ amount: -1, unit: 'h' });
    expect(onlyStep(start().fieldTimer('birthday', { offset: '+2h' })).params.offset).toEqual({ amount: 2, unit: 'h' });
  });

  it('fieldTimer: custom date and date-time fields declared with defineContact', () => {
    const contact = defineContact({ renewalDate: 'date', trialEndsAt: 'datetime' });
    expect(onlyStep(contact.start().fieldTimer('renewalDate', { offset: '-30d', occurrence: 'exact' })).params)
      .toEqual({ field: 'renewalDate', offset: { amount: -30, unit: 'd' }, occurrence: 'exact' });
    expect(onlyStep(contact.start().fieldTimer('trialEndsAt')).params).toEqual({ field: 'trialEndsAt', occurrence: 'next' });
  });
});

describe('communications', () => {
  it("email: to the contact by default", () => {
    expect(onlyStep(start().email({ subject: 'Welcome, ~Contact.FirstName|friend~', body: '<p>Hi</p>' }))).toEqual({
      id: 'email-welcome', explicitId: false, kind: 'email', params: { subject: 'Welcome, ~Contact.FirstName|friend~', body: '<p>Hi</p>', to: 'contact' },
    });
  });

  it("email: to the owner, to staff addresses (one becomes a list), with a sender", () => {
    expect(onlyStep(start().email({ to: 'owner', subject: 'S', body: 'B' })).params).toEqual({ subject: 'S', body: 'B', to: 'owner' });
    expect(onlyStep(start().email({ to: ['sales@acme.test', 'boss@acme.test'], subject: 'S', body: 'B' })).params.to)
      .toEqual(['sales@acme.test', 'boss@acme.test']);
    expect(onlyStep(start().email({ to: 'sales@acme.test', from: 'hello@acme.test', subject: 'S', body: 'B' })).params)
      .toEqual({ subject: 'S', body: 'B', from: 'hello@acme.test', to: ['sales@acme.test'] });
  });

  it('fax and letter: body, optional subject', () => {
    expect(onlyStep(start().fax({ subject: 'Your quote', body: 'Dear ~Contact.FirstName~' })))
      .toEqual({ id: 'fax-your-quote', explicitId: false, kind: 'fax', params: { subject: 'Your quote', body: 'Dear ~Contact.FirstName~' } });
    expect(onlyStep(start().fax({ body: 'Payment overdue' }))).toEqual({ id: 'fax-payment-overdue', explicitId: false, kind: 'fax', params: { body: 'Payment overdue' } });
    expect(onlyStep(start().letter({ subject: 'Thank you', body: 'Dear friend' })))
      .toEqual({ id: 'letter-thank-you', explicitId: false, kind: 'letter', params: { subject: 'Thank you', body: 'Dear friend' } });
    expect(onlyStep(start().letter({ body: 'Final notice' })).params).toEqual({ body: 'Final notice' });
  });
});

describe('process objects', () => {
  it('applyTag and removeTag', () => {
    expect(onlyStep(start().applyTag('Customer'))).toEqual({ id: 'tag-customer', explicitId: false, kind: 'applyTag', params: { tag: 'Customer' } });
    expect(onlyStep(start().removeTag('Prospect'))).toEqual({ id: 'untag-prospect', explicitId: false, kind: 'removeTag', params: { tag: 'Prospect' } });
  });

  it('applyNote: subject, optional body and type', () => {
    expect(onlyStep(start().applyNote({ subject: 'Became a customer' })))
      .toEqual({ id: 'note-became-a-customer', explicitId: false, kind: 'note', params: { subject: 'Became a customer' } });
    expect(onlyStep(start().applyNote({ subject: 'Call', body: 'Left a message', type: 'Call' })).params)
      .toEqual({ subject: 'Call', body: 'Left a message', type: 'Call' });
  });

  it("createTask: for the owner, due now, by default", () => {
    expect(onlyStep(start().createTask({ title: 'Welcome call' }))).toEqual({
      id: 'task-welcome-call', explicitId: false, kind: 'task', params: { title: 'Welcome call', assignTo: 'owner', due: { amount: 0, unit: 'm' } },
    });
    expect(onlyStep(start().createTask({ title: 'T', description: 'D', assignTo: 'u-ann', due: '2d', priority: 'high' })).params)
      .toEqual({ title: 'T', description: 'D', assignTo: 'u-ann', due: { amount: 2, unit: 'd' }, priority: 'high' });
  });

  it("createAppointment: for the owner, in a day, 30 minutes, by default", () => {
    expect(onlyStep(start().createAppointment({ title: 'Onboarding' }))).toEqual({
      id: 'appt-onboarding', explicitId: false, kind: 'appointment',
      params: { title: 'Onboarding', assignTo: 'owner', in: { amount: 1, unit: 'd' }, length: { amount: 30, unit: 'm' } },
    });
    expect(onlyStep(start().createAppointment({
      title: 'Tasting', description: 'Bring samples', assignTo: 'u-bob', in: '2w', at: '14:00', length: '1h', location: 'Roastery',
    })).params).toEqual({
      title: 'Tasting', description: 'Bring samples', assignTo: 'u-bob', in: { amount: 2, unit: 'w' }, at: '14:00',
      length: { amount: 1, unit: 'h' }, location: 'Roastery',
    });
  });

  it('setField: standard and custom fields of every type; null clears', () => {
    const contact = defineContact({ leadScore: 'number', vip: 'boolean', renewalDate: 'date', lastSeenAt: 'datetime' });
    expect(onlyStep(start().setField('leadSource', 'Webinar'))).toEqual({ id: 'set-leadsource', explicitId: false, kind: 'setField', params: { field: 'leadSource', value: 'Webinar' } });
    expect(onlyStep(contact.start().setField('leadScore', 10)).params).toEqual({ field: 'leadScore', value: 10 });
    expect(onlyStep(contact.start().setField('vip', false)).params).toEqual({ field: 'vip', value: false });
    expect(onlyStep(contact.start().setField('renewalDate', '2027-12-01')).params).toEqual({ field: 'renewalDate', value: '2027-12-01' });
    expect(onlyStep(contact.start().setField('lastSeenAt', '2026-11-26T10:00:00Z')).params).toEqual({ field: 'lastSeenAt', value: '2026-11-26T10:00:00Z' });
    expect(onlyStep(contact.start().setField('leadScore', null)).params).toEqual({ field: 'leadScore', value: null });
    expect(onlyStep(start().setField('birthday', '1990-02-28')).params).toEqual({ field: 'birthday', value: '1990-02-28' });
  });

  it('assignOwner: one user, or round robin', () => {
    expect(onlyStep(start().assignOwner('u-ann'))).toEqual({ id: 'owner-u-ann', explicitId: false, kind: 'assignOwner', params: { user: 'u-ann' } });
    expect(onlyStep(start().assignOwner({ roundRobin: ['u-ann', 'u-bob'] })))
      .toEqual({ id: 'owner-round-robin', explicitId: false, kind: 'assignOwner', params: { roundRobin: ['u-ann', 'u-bob'] } });
  });

  it("createOpportunity: for the owner by default", () => {
    expect(onlyStep(start().createOpportunity({ title: 'Upsell', stage: 'Qualified' }))).toEqual({
      id: 'opp-upsell', explicitId: false, kind: 'opportunity', params: { title: 'Upsell', stage: 'Qualified', assignTo: 'owner' },
    });
    expect(onlyStep(start().createOpportunity({
      title: 'Office', stage: 'New Lead', assignTo: 'u-cho', products: ['grinder'], projectedRevenue: 1200, notes: 'Big office',
    })).params).toEqual({ title: 'Office', stage: 'New Lead', assignTo: 'u-cho', products: ['grinder'], projectedRevenue: 1200, notes: 'Big office' });
  });

  it('addToFulfillmentList', () => {
    expect(onlyStep(start().addToFulfillmentList('Welcome kit')))
      .toEqual({ id: 'fulfil-welcome-kit', explicitId: false, kind: 'fulfillment', params: { list: 'Welcome kit' } });
  });

  it('createOrder: quantity defaults to 1, price only when given; every payment mode', () => {
    expect(onlyStep(start().createOrder({ items: [{ product: 'refill-pack', price: 29 }, { product: 'filters', quantity: 3 }], payment: 'autocharge', promoCode: 'TEN' }))).toEqual({
      id: 'order-refill-pack', explicitId: false, kind: 'order',
      params: { items: [{ product: 'refill-pack', quantity: 1, price: 29 }, { product: 'filters', quantity: 3 }], payment: 'autocharge', promoCode: 'TEN' },
    });
    expect(onlyStep(start().createOrder({ items: [{ product: 'kit' }], payment: 'payableInvoice' })).params.payment).toBe('payableInvoice');
    expect(onlyStep(start().createOrder({ items: [{ product: 'kit' }], payment: 'invoiceNoPayment' })).params.payment).toBe('invoiceNoPayment');
  });

  it("httpPost: form-encoded by default", () => {
    expect(onlyStep(start().httpPost({ url: 'https://members.acme.test/hook', fields: { email: '~Contact.Email~', level: 'gold' } }))).toEqual({
      id: 'post-members-acme-test-hook', explicitId: false, kind: 'httpPost',
      params: { url: 'https://members.acme.test/hook', fields: { email: '~Contact.Email~', level: 'gold' }, format: 'form' },
    });
    expect(onlyStep(start().httpPost({ url: 'https://x.test/h', fields: {}, format: 'json' })).params.format).toBe('json');
  });
});

describe('step metadata', () => {
  it('every method takes an explicit id and a canvas label', () => {
    const meta = { id: 'my-step', label: 'My label' };
    const paths = [
      start().delay('1d', meta), start().waitUntil('2026-12-24', meta), start().fieldTimer('birthday', meta),
      start().email({ subject: 'S', body: 'B', ...meta }), start().fax({ body: 'B', ...meta }), start().letter({ body: 'B', ...meta }),
      start().applyTag('T', meta), start().removeTag('T', meta), start().applyNote({ subject: 'N', ...meta }),
      start().createTask({ title: 'T', ...meta }), start().createAppointment({ title: 'A', ...meta }),
      start().setField('company', 'Acme', meta), start().assignOwner('u-ann', meta), start().assignOwner({ roundRobin: ['u-ann'] }, meta),
      start().createOpportunity({ title: 'O', stage: 'S', ...meta }), start().addToFulfillmentList('L', meta),
      start().createOrder({ items: [{ product: 'p' }], payment: 'autocharge', ...meta }), start().httpPost({ url: 'https://x.test', fields: {}, ...meta }),
    ];
    for (const p of paths) {
      const step = onlyStep(p);
      expect(step, step.kind).toMatchObject({ id: 'my-step', explicitId: true, label: 'My label' });
      expect(JSON.stringify(step.params), step.kind).not.toMatch(/my-step|My label/);
    }
  });

  it('path labels and the start path source', () => {
    const path = start('Sales team').applyTag('Lead');
    expect(path._def.label).toBe('Sales team');
    expect(start()._def).not.toHaveProperty('label');
  });
});

describe('the IR is plain data, detached from the options it was built from', () => {
  it('copies lists and records instead of keeping the author\'s objects', () => {
    const on: Array<'mon' | 'tue'> = ['mon'];
    const between: ['09:00', '17:00'] = ['09:00', '17:00'];
    const to = ['sales@acme.test'];
    const roundRobin = ['u-ann'];
    const items = [{ product: 'kit', quantity: 1 }];
    const fields: Record<string, string> = { a: '1' };
    const products = ['grinder'];
    const path = start()
      .delay('1d', { on, between })
      .email({ to, subject: 'S', body: 'B' })
      .assignOwner({ roundRobin })
      .createOrder({ items, payment: 'autocharge' })
      .httpPost({ url: 'https://x.test', fields })
      .createOpportunity({ title: 'O', stage: 'S', products });
    on.push('tue'); between[1] = '17:00'; to.push('x@acme.test'); roundRobin.push('u-bob');
    items[0].quantity = 9; fields.b = '2'; products.push('mug');
    const json = JSON.stringify(path._def.steps.map((s) => s.params));
    expect(json).not.toMatch(/tue|x@acme|u-bob|"quantity":9|"b":"2"|mug/);
  });

  it('has no undefined members, functions or class instances', () => {
    const ir = JSON.stringify(onlyStep(start().email({ subject: 'S', body: 'B', from: undefined, id: undefined })));
    expect(JSON.parse(ir)).toEqual({ id: 'email-s', explicitId: false, kind: 'email', params: { subject: 'S', body: 'B', to: 'contact' } });
    expect(Object.keys(onlyStep(start().delay('1d', { at: undefined, tz: undefined })).params)).toEqual(['duration']);
  });
});
