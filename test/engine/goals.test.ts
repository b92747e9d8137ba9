/**
 * SEMANTICS §3: goals start and stop sequences, at the instant they happen.
 */
import { describe, expect, it } from 'vitest';
import {
  apiGoal, event, formSubmitted, linkClicked, purchased, purchaseFailed, sequence, start, tagApplied,
} from 'nudge';
import type { GoalEvent } from '../../runtime/engine/goals';
import { effectsOf, emails, enrollments, iso, run, shown, utc } from './helpers';

const T = '2026-03-02T15:00:00.000Z';

describe('startOn: tagApplied (SEMANTICS §3)', () => {
  const onboard = sequence('onboard', {
    name: 'Onboarding',
    startOn: tagApplied('Customer'),
    paths: [start().email({ subject: 'Welcome aboard', body: 'Hi' }).delay('1d').applyTag('Onboarded')],
  });

  it('enrolls the contact when the tag is applied from outside, and runs its first steps at that instant', () => {
    const result = run([onboard], [{ id: 'c1', email: 'a@example.com' }], {
      start: '2026-03-02T00:00:00Z', days: 5, enrollAll: false,
      inputs: [{ at: T, contactId: 'c1', tagsApplied: ['Customer'] }],
    });
    expect(shown(result)).toEqual([
      `${T} c1 onboard/0 email-welcome-aboard done`,
      '2026-03-03T15:00:00.000Z c1 onboard/0 wait-1d done',
      '2026-03-03T15:00:00.000Z c1 onboard/0 tag-onboarded done',
    ]);
    const [e] = enrollments(result, 'c1', 'onboard');
    expect(iso(e.enteredAt)).toBe(T);
    expect(result.states[0].contact.tags).toEqual(['Customer', 'Onboarded']);
  });

  it('does not fire when the tag was already there', () => {
    const result = run([onboard], [{ id: 'c1', email: 'a@example.com', tags: ['Customer'] }], {
      start: '2026-03-02T00:00:00Z', days: 5, enrollAll: false,
      inputs: [{ at: T, contactId: 'c1', tagsApplied: ['Customer'] }],
    });
    expect(result.trace).toEqual([]);
    expect(enrollments(result, 'c1', 'onboard')).toEqual([]);
  });

  it("fires from another sequence's applyTag step, and the started sequence runs at that same instant", () => {
    const lead = sequence('lead', {
      name: 'Lead',
      paths: [start().applyTag('Customer').applyTag('Customer', { id: 'tag-again' }).email({ subject: 'Thanks', body: 'x' })],
    });
    const result = run([lead, onboard], [{ id: 'c1', email: 'a@example.com' }], {
      start: '2026-03-02T00:00:00Z', days: 1, enrollAll: false,
      inputs: [{ at: T, contactId: 'c1', enroll: ['lead'] }],
    });
    // Lines of one instant are listed by sequence id (SEMANTICS §2.5): 'lead' before 'onboard'.
    expect(shown(result)).toEqual([
      `${T} c1 lead/0 tag-customer done`,
      `${T} c1 lead/0 tag-again done`,
      `${T} c1 lead/0 email-thanks done`,
      `${T} c1 onboard/0 email-welcome-aboard done`,
    ]);
    // The second applyTag found the tag there: one enrollment only.
    expect(enrollments(result, 'c1', 'onboard')).toHaveLength(1);
    expect(iso(enrollments(result, 'c1', 'onboard')[0].enteredAt)).toBe(T);
  });

  it('fires again after the tag was removed and applied anew', () => {
    const toggle = sequence('toggle', {
      name: 'Toggle',
      paths: [start().applyTag('VIP').removeTag('VIP').delay('1h').applyTag('VIP', { id: 'tag-vip-again' })],
    });
    const vip = sequence('vip', { name: 'VIP', startOn: tagApplied('VIP'), paths: [start().applyNote({ subject: 'VIP' })] });
    const result = run([toggle, vip], [{ id: 'c1' }], {
      start: '2026-03-02T00:00:00Z', days: 1, enrollAll: false,
      inputs: [{ at: T, contactId: 'c1', enroll: ['toggle'] }],
    });
    expect(enrollments(result, 'c1', 'vip').map((e) => [e.entry, iso(e.enteredAt)])).toEqual([
      [1, T],
      [2, '2026-03-02T16:00:00.000Z'],
    ]);
  });
});

describe('startOn: formSubmitted, apiGoal, event (SEMANTICS §3)', () => {
  it('enrolls on a web form, with the submitted fields written before the first step runs', () => {
    const welcome = sequence('welcome', {
      name: 'Welcome',
      startOn: formSubmitted('newsletter'),
      paths: [start().email({ subject: 'Hi ~Contact.FirstName|there~', body: 'Thanks for signing up' })],
    });
    const result = run([welcome], [{ id: 'c1' }, { id: 'c2', email: 'bo@example.com' }], {
      start: '2026-03-02T00:00:00Z', days: 1, enrollAll: false,
      inputs: [
        { at: T, contactId: 'c1', goals: [{ kind: 'formSubmitted', formId: 'newsletter' }], fields: { firstName: 'Ada', email: 'ada@example.com' } },
        { at: T, contactId: 'c2', goals: [{ kind: 'formSubmitted', formId: 'contact-us' }] },
      ],
    });
    expect(shown(result)).toEqual([`${T} c1 welcome/0 email-hi done`]);
    expect(emails(result.effects).map((e) => [e.to, e.subject])).toEqual([[['ada@example.com'], 'Hi Ada']]);
  });

  it('enrolls on an API goal and on a custom event, each by name', () => {
    const trial = sequence('trial', { name: 'Trial', startOn: apiGoal('trial-started'), paths: [start().applyTag('Trial')] });
    const webinar = sequence('webinar', { name: 'Webinar', startOn: event('webinar-registered'), paths: [start().applyTag('Webinar')] });
    const goals = (c: string, ...g: GoalEvent[]) => ({ at: T, contactId: c, goals: g });
    const result = run([trial, webinar], [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }], {
      start: '2026-03-02T00:00:00Z', days: 1, enrollAll: false,
      inputs: [
        goals('c1', { kind: 'apiGoal', name: 'trial-started' }),
        goals('c2', { kind: 'event', name: 'webinar-registered' }),
        goals('c3', { kind: 'event', name: 'trial-started' }, { kind: 'apiGoal', name: 'webinar-registered' }),
      ],
    });
    expect(shown(result)).toEqual([
      `${T} c1 trial/0 tag-trial done`,
      `${T} c2 webinar/0 tag-webinar done`,
    ]);
  });
});

describe('purchased / purchaseFailed from createOrder (SEMANTICS §3)', () => {
  const billing = sequence('billing', {
    name: 'Billing',
    paths: [start().createOrder({ items: [{ product: 'monthly', quantity: 1, price: 24.5 }], payment: 'autocharge' })],
  });
  const dunning = sequence('dunning', {
    name: 'Dunning', startOn: purchaseFailed('monthly'), stopOn: purchased('monthly'),
    paths: [start().email({ subject: 'Your payment did not go through', body: 'x' }).delay('3d').applyTag('Still-unpaid')],
  });
  const thanks = sequence('thanks', { name: 'Thanks', startOn: purchased('monthly'), paths: [start().applyTag('Paid')] });
  const anyPurchase = sequence('any-purchase', { name: 'Any', startOn: purchased(), paths: [start().applyTag('Buyer')] });
  const otherFailed = sequence('other-failed', { name: 'Other', startOn: purchaseFailed('annual'), paths: [start().applyTag('Annual-failed')] });
  const contacts = [
    { id: 'c-ok', email: 'ok@example.com', card: { last4: '4242' } },
    { id: 'c-declined', email: 'no@example.com', card: { last4: '0002', decline: true } },
    { id: 'c-nocard', email: 'none@example.com' },
  ];
  const go = () => run([billing, dunning, thanks, anyPurchase, otherFailed], contacts, {
    start: '2026-03-02T00:00:00Z', days: 1, enrollAll: false,
    inputs: contacts.map((c) => ({ at: T, contactId: c.id, enroll: ['billing'] })),
  });

  it('charges the card on file: a paid order, the step done, purchased goals start their sequences', () => {
    const result = go();
    const lines = shown(result).filter((l) => l.includes(' c-ok '));
    expect(lines).toEqual([
      `${T} c-ok any-purchase/0 tag-buyer done`,
      `${T} c-ok billing/0 order-monthly done`,
      `${T} c-ok thanks/0 tag-paid done`,
    ]);
    const order = effectsOf(result.effects, 'order').find((o) => o.contactId === 'c-ok')!;
    expect(order).toMatchObject({ status: 'paid', total: 24.5, payment: 'autocharge', items: [{ product: 'monthly', quantity: 1, price: 24.5 }] });
  });

  it("declines a card marked decline: order 'declined', step failed, and purchaseFailed starts dunning", () => {
    const result = go();
    expect(shown(result).filter((l) => l.includes(' c-declined '))).toEqual([
      `${T} c-declined billing/0 order-monthly failed (card declined)`,
      `${T} c-declined dunning/0 email-your-payment-did-not-go-through done`,
    ]);
    expect(effectsOf(result.effects, 'order').find((o) => o.contactId === 'c-declined')!.status).toBe('declined');
    expect(enrollments(result, 'c-declined', 'dunning')).toHaveLength(1);
    expect(enrollments(result, 'c-declined', 'other-failed')).toEqual([]);
  });

  it("declines a contact with no card on file with reason 'no card on file'", () => {
    const result = go();
    expect(shown(result).filter((l) => l.includes(' c-nocard '))).toEqual([
      `${T} c-nocard billing/0 order-monthly failed (no card on file)`,
      `${T} c-nocard dunning/0 email-your-payment-did-not-go-through done`,
    ]);
    expect(effectsOf(result.effects, 'order').find((o) => o.contactId === 'c-nocard')!.status).toBe('declined');
  });

  it('stops dunning when a later purchase succeeds', () => {
    const result = run([billing, dunning, thanks], [contacts[1]], {
      start: '2026-03-02T00:00:00Z', days: 5, enrollAll: false,
      inputs: [
        { at: T, contactId: 'c-declined', enroll: ['billing'] },
        { at: '2026-03-03T09:00:00Z', contactId: 'c-declined', goals: [{ kind: 'purchased', product: 'monthly' }] },
      ],
    });
    const [e] = enrollments(result, 'c-declined', 'dunning');
    expect(e.status).toBe('stopped');
    expect(iso(e.leftAt!)).toBe('2026-03-03T09:00:00.000Z');
    expect(result.trace.some((l) => l.step === 'tag-still-unpaid')).toBe(false);
    expect(enrollments(result, 'c-declined', 'thanks')).toHaveLength(1);
  });

  it('records a payable invoice and an invoice without payment, without charging or firing purchase goals', () => {
    const invoices = sequence('invoices', {
      name: 'Invoices',
      paths: [start()
        .createOrder({ items: [{ product: 'monthly', price: 24.5 }], payment: 'payableInvoice' })
        .createOrder({ items: [{ product: 'late-fee', price: 5 }], payment: 'invoiceNoPayment' })],
    });
    const result = run([invoices, dunning, thanks, anyPurchase], [contacts[2]], { start: T, days: 1 , enrollAll: false,
      inputs: [{ at: T, contactId: 'c-nocard', enroll: ['invoices'] }] });
    expect(shown(result)).toEqual([
      `${T} c-nocard invoices/0 order-monthly done`,
      `${T} c-nocard invoices/0 order-late-fee done`,
    ]);
    const [payable, unpaid] = effectsOf(result.effects, 'order');
    expect(payable).toMatchObject({ status: 'invoiced', total: 24.5, payment: 'payableInvoice', invoice: { payable: true } });
    expect(unpaid).toMatchObject({ status: 'invoicedNoPayment', total: 5, payment: 'invoiceNoPayment', invoice: { payable: false } });
    expect(payable.invoice!.id).not.toBe(unpaid.invoice!.id);
  });
});

describe('linkClicked matching (SEMANTICS §3)', () => {
  const nurture = sequence('nurture', {
    name: 'Nurture', stopOn: linkClicked('email-book-a-demo'),
    paths: [start().delay('7d').applyTag('Nurtured')],
  });
  const promo = sequence('promo', {
    name: 'Promo', stopOn: linkClicked(undefined, 'https://acme.test/sale'),
    paths: [start().delay('7d').applyTag('Promo-done')],
  });
  const demo = sequence('demo', {
    name: 'Demo follow-up', startOn: linkClicked('email-book-a-demo', 'https://acme.test/demo'),
    paths: [start().applyTag('Demo')],
  });
  const anyClick = sequence('any-click', { name: 'Any click', startOn: linkClicked(), paths: [start().applyTag('Clicker')] });

  function clicks(click: { stepId?: string; url?: string }) {
    const result = run([nurture, promo, demo, anyClick], [{ id: 'c1' }], {
      start: '2026-03-02T00:00:00Z', days: 10, enrollAll: false,
      inputs: [
        { at: '2026-03-02T00:00:00Z', contactId: 'c1', enroll: ['nurture', 'promo'] },
        { at: T, contactId: 'c1', goals: [{ kind: 'linkClicked', ...click }] },
      ],
    });
    const status = (id: string) => enrollments(result, 'c1', id).map((e) => e.status).join(',') || 'not enrolled';
    return { nurture: status('nurture'), promo: status('promo'), demo: status('demo'), any: status('any-click') };
  }

  it('matches a goal with a step id on that email step, whatever the url', () => {
    expect(clicks({ stepId: 'email-book-a-demo', url: 'https://acme.test/pricing' }))
      .toEqual({ nurture: 'stopped', promo: 'completed', demo: 'not enrolled', any: 'completed' });
  });

  it('matches a goal with a url on that url, whatever the email', () => {
    expect(clicks({ stepId: 'email-newsletter', url: 'https://acme.test/sale' }))
      .toEqual({ nurture: 'completed', promo: 'stopped', demo: 'not enrolled', any: 'completed' });
  });

  it('needs both to match when the goal names a step id and a url', () => {
    expect(clicks({ stepId: 'email-book-a-demo', url: 'https://acme.test/demo' }))
      .toEqual({ nurture: 'stopped', promo: 'completed', demo: 'completed', any: 'completed' });
  });
});

describe('stopOn (SEMANTICS §3)', () => {
  const stoppable = (id: string, runsUntilComplete: boolean) => sequence(id, {
    name: id, stopOn: apiGoal('converted'), runsUntilComplete,
    paths: [start().delay('1d').applyTag(`${id}-day1`).delay('1d').applyTag(`${id}-day2`)],
  });

  it('removes the contact, unless the sequence runs until complete', () => {
    const result = run([stoppable('removable', false), stoppable('keeps-going', true)], [{ id: 'c1' }], {
      start: '2026-03-02T00:00:00Z', days: 5,
      inputs: [{ at: '2026-03-02T12:00:00Z', contactId: 'c1', goals: [{ kind: 'apiGoal', name: 'converted' }] }],
    });
    expect(shown(result)).toEqual([
      '2026-03-03T00:00:00.000Z c1 keeps-going/0 wait-1d done',
      '2026-03-03T00:00:00.000Z c1 keeps-going/0 tag-keeps-going-day1 done',
      '2026-03-04T00:00:00.000Z c1 keeps-going/0 wait-1d-2 done',
      '2026-03-04T00:00:00.000Z c1 keeps-going/0 tag-keeps-going-day2 done',
    ]);
    const [removed] = enrollments(result, 'c1', 'removable');
    expect(removed.status).toBe('stopped');
    expect(iso(removed.leftAt!)).toBe('2026-03-02T12:00:00.000Z');
    expect(enrollments(result, 'c1', 'keeps-going')[0].status).toBe('completed');
  });

  it('stops the rest of a sequence, in every path, when its own step fires the stop goal', () => {
    const seq = sequence('self-stop', {
      name: 'Self stop', stopOn: tagApplied('Done'),
      paths: [
        start().applyTag('Started').applyTag('Done').applyTag('Never'),
        start().applyTag('Other path', { id: 'other-path' }),
      ],
    });
    const result = run([seq], [{ id: 'c1' }], { start: T, days: 1 });
    expect(shown(result)).toEqual([
      `${T} c1 self-stop/0 tag-started done`,
      `${T} c1 self-stop/0 tag-done done`,
    ]);
    const [e] = enrollments(result, 'c1', 'self-stop');
    expect(e.status).toBe('stopped');
    expect(iso(e.leftAt!)).toBe(T);
    expect(result.states[0].contact.tags).toEqual(['Started', 'Done']);
  });

  it('stops another sequence at the instant a step fires its stop goal', () => {
    const waiting = sequence('a-waiting', { name: 'Waiting', stopOn: tagApplied('Customer'), paths: [start().delay('2d').applyTag('Reminder')] });
    const buyer = sequence('b-buyer', { name: 'Buyer', paths: [start().delay('1d').applyTag('Customer')] });
    const result = run([waiting, buyer], [{ id: 'c1' }], { start: T, days: 5 });
    expect(shown(result)).toEqual([
      '2026-03-03T15:00:00.000Z c1 b-buyer/0 wait-1d done',
      '2026-03-03T15:00:00.000Z c1 b-buyer/0 tag-customer done',
    ]);
    expect(enrollments(result, 'c1', 'a-waiting')[0]).toMatchObject({ status: 'stopped', leftAt: utc('2026-03-03T15:00:00Z') });
  });
});

describe('reentry (SEMANTICS §1, §3)', () => {
  const make = (reentry: 'afterComplete' | 'never') => sequence('signup', {
    name: 'Signup', startOn: formSubmitted('signup'), reentry,
    paths: [start().email({ subject: 'Thanks for signing up', body: 'x' }).delay('1d').applyTag('Signed-up')],
  });
  const forms = (...at: string[]) => at.map((a) => ({ at: a, contactId: 'c1', goals: [{ kind: 'formSubmitted' as const, formId: 'signup' }] }));

  it("'afterComplete' (default): enters again after leaving, with the next entry number", () => {
    const seq = sequence('signup', { name: 'Signup', startOn: formSubmitted('signup'), paths: make('afterComplete').paths.map(() => start().email({ subject: 'Thanks for signing up', body: 'x' }).delay('1d').applyTag('Signed-up')) });
    expect(seq.reentry).toBe('afterComplete');
    const result = run([seq], [{ id: 'c1', email: 'a@example.com' }], {
      start: '2026-03-02T00:00:00Z', days: 10, enrollAll: false, inputs: forms(T, '2026-03-05T15:00:00Z'),
    });
    expect(enrollments(result, 'c1', 'signup').map((e) => [e.entry, e.status, iso(e.enteredAt)])).toEqual([
      [1, 'completed', T],
      [2, 'completed', '2026-03-05T15:00:00.000Z'],
    ]);
    const keys = emails(result.effects).map((e) => e.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
  });

  it("'afterComplete': a contact removed by a stop goal has left too, and may enter again", () => {
    const seq = sequence('trial', {
      name: 'Trial', startOn: apiGoal('trial'), stopOn: apiGoal('cancel'),
      paths: [start().delay('7d').applyTag('Trial-over')],
    });
    const api = (at: string, name: string) => ({ at, contactId: 'c1', goals: [{ kind: 'apiGoal' as const, name }] });
    const result = run([seq], [{ id: 'c1' }], {
      start: '2026-03-02T00:00:00Z', days: 20, enrollAll: false,
      inputs: [api(T, 'trial'), api('2026-03-03T00:00:00Z', 'cancel'), api('2026-03-04T00:00:00Z', 'trial')],
    });
    expect(enrollments(result, 'c1', 'trial').map((e) => [e.entry, e.status, iso(e.enteredAt), iso(e.leftAt!)])).toEqual([
      [1, 'stopped', T, '2026-03-03T00:00:00.000Z'],
      [2, 'completed', '2026-03-04T00:00:00.000Z', '2026-03-11T00:00:00.000Z'],
    ]);
  });

  it("'never': enters once per contact", () => {
    const result = run([make('never')], [{ id: 'c1', email: 'a@example.com' }], {
      start: '2026-03-02T00:00:00Z', days: 10, enrollAll: false, inputs: forms(T, '2026-03-05T15:00:00Z'),
    });
    expect(enrollments(result, 'c1', 'signup').map((e) => [e.entry, e.status])).toEqual([[1, 'completed']]);
    expect(emails(result.effects)).toHaveLength(1);
  });

  it('never enrolls a contact that is already active, whatever the reentry setting', () => {
    const result = run([make('afterComplete')], [{ id: 'c1', email: 'a@example.com' }], {
      start: '2026-03-02T00:00:00Z', days: 10, enrollAll: false,
      inputs: [...forms(T, '2026-03-02T18:00:00Z'), { at: '2026-03-02T19:00:00Z', contactId: 'c1', enroll: ['signup'] }],
    });
    expect(enrollments(result, 'c1', 'signup')).toHaveLength(1);
    expect(shown(result)).toEqual([
      `${T} c1 signup/0 email-thanks-for-signing-up done`,
      '2026-03-03T15:00:00.000Z c1 signup/0 wait-1d done',
      '2026-03-03T15:00:00.000Z c1 signup/0 tag-signed-up done',
    ]);
  });
});

describe('goal chains are bounded (SEMANTICS §3: 100 hops per contact per instant)', () => {
  const ping = sequence('ping', { name: 'Ping', startOn: tagApplied('ping'), paths: [start().removeTag('ping').applyTag('pong')] });
  const pong = sequence('pong', { name: 'Pong', startOn: tagApplied('pong'), paths: [start().removeTag('pong').applyTag('ping')] });
  const other = sequence('other', { name: 'Other', paths: [start().applyTag('Fine').delay('2h').applyTag('Fine-later')] });
  // Sorted after ping and pong: its work at the looping instant comes after the loop.
  const zeta = sequence('zeta', { name: 'Zeta', paths: [start().delay('1h').applyTag('Zeta')] });
  const go = () => run([ping, pong, other, zeta], [{ id: 'c1' }, { id: 'c2' }], {
    start: '2026-03-02T14:00:00Z', days: 1, enrollAll: false,
    inputs: [
      { at: '2026-03-02T14:00:00Z', contactId: 'c1', enroll: ['other', 'zeta'] },
      { at: '2026-03-02T14:00:00Z', contactId: 'c2', enroll: ['other', 'zeta'] },
      { at: T, contactId: 'c1', tagsApplied: ['ping'] },
    ],
  });

  it('reports an error once for the looping contact and processes the other contacts normally', () => {
    const result = go();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].contactId).toBe('c1');
    expect(result.errors[0].message).toMatch(/longer than 100 hops/);
    expect(result.errors[0].message).toContain('tag "ping" applied');
    for (const c of ['c1', 'c2']) {
      expect(shown(result).filter((l) => l.includes(` ${c} other/`) || l.includes(` ${c} zeta/`))).toEqual([
        `2026-03-02T14:00:00.000Z ${c} other/0 tag-fine done`,
        `${T} ${c} zeta/0 wait-1h done`,
        `${T} ${c} zeta/0 tag-zeta done`,
        `2026-03-02T16:00:00.000Z ${c} other/0 wait-2h done`,
        `2026-03-02T16:00:00.000Z ${c} other/0 tag-fine-later done`,
      ]);
    }
  });

  it('cuts the chain at the bound: 100 enrollments, every step that ran recorded, all ended at that instant', () => {
    const result = go();
    const loop = enrollments(result, 'c1', 'ping').concat(enrollments(result, 'c1', 'pong'));
    expect(loop).toHaveLength(100);
    for (const e of loop) expect(e).toMatchObject({ status: 'completed', enteredAt: utc(T), leftAt: utc(T) });
    const lines = result.trace.filter((l) => l.contact === 'c1' && (l.sequence === 'ping' || l.sequence === 'pong'));
    expect(lines).toHaveLength(200);
    expect(lines.every((l) => l.time === utc(T) && l.status === 'done')).toBe(true);
  });

  it('counts only goals that start or stop something: a long path of tags nobody listens to is no chain', () => {
    let path = start();
    for (let i = 1; i <= 150; i++) path = path.applyTag(`t${i}`);
    const result = run([sequence('many-tags', { name: 'Many tags', paths: [path] })], [{ id: 'c1' }], { start: T, days: 1 });
    expect(result.errors).toEqual([]);
    expect(result.states[0].contact.tags).toHaveLength(150);
  });

  it('counts only goals that enrol: a startOn tag of a sequence the contact is in, applied 150 times, is no chain', () => {
    let path = start();
    for (let i = 1; i <= 150; i++) path = path.removeTag('again').applyTag('again');
    const loop = sequence('again', { name: 'Again', startOn: tagApplied('again'), paths: [path] });
    const result = run([loop], [{ id: 'c1' }], { start: T, days: 1 });
    expect(result.errors).toEqual([]);
    expect(enrollments(result, 'c1', 'again')).toHaveLength(1);
    expect(result.trace).toHaveLength(300);
  });

  it("counts only goals that enrol: a startOn tag of a 'never' re-entry sequence the contact left is no chain", () => {
    let path = start();
    for (let i = 1; i <= 150; i++) path = path.removeTag('once').applyTag('once');
    const once = sequence('once', { name: 'Once', reentry: 'never', startOn: tagApplied('once'), paths: [start().applyTag('Onced')] });
    const tagger = sequence('tagger', { name: 'Tagger', paths: [start().delay('1h').applyTag('x'), path] });
    const result = run([once, tagger], [{ id: 'c1' }], { start: T, days: 1 });
    expect(result.errors).toEqual([]);
    expect(enrollments(result, 'c1', 'once')).toHaveLength(1);
  });
});
