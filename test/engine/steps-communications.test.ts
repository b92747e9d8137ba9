/**
 * SEMANTICS §4: email, fax and letter, merge fields, and idempotency keys.
 */
import { describe, expect, it } from 'vitest';
import { defineContact, sequence, start } from 'nudge';
import type { Contact } from '../../runtime/engine/model';
import { runContactInstant } from '../../runtime/engine/run-contact';
import { createWorld } from '../../runtime/engine/world';
import { effectsOf, emails, run, shown, USERS, utc } from './helpers';

const T = '2026-03-02T15:00:00.000Z';
const one = (seq: ReturnType<typeof sequence>, contacts: Contact[]) => run([seq], contacts, { start: T, days: 1 });

const ada: Contact = {
  id: 'c1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines',
  ownerId: 'u-ann', fax: '+44 20 7946 0000',
  address: { street: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
};
const bare: Contact = { id: 'c2', email: 'bare@example.com' };

describe('email (SEMANTICS §4)', () => {
  it('renders merge fields in subject and body, with the fallback after | for an empty value', () => {
    const seq = sequence('welcome', {
      name: 'Welcome',
      paths: [start().email({
        subject: 'Welcome, ~Contact.FirstName|there~!',
        body: 'Hi ~Contact.FirstName|there~ ~Contact.LastName~ of ~Contact.Company|your company~. Questions? ~Owner.FirstName|Us~ at ~Owner.Email|help@acme.test~',
        from: '~Owner.Email|hello@acme.test~',
        id: 'welcome',
      })],
    });
    const result = one(seq, [ada, bare]);
    const [a, b] = emails(result.effects);
    expect(a).toMatchObject({
      contactId: 'c1', to: ['ada@example.com'], from: 'ann@acme.test',
      subject: 'Welcome, Ada!',
      body: 'Hi Ada Lovelace of Analytical Engines. Questions? Ann at ann@acme.test',
    });
    expect(b).toMatchObject({
      contactId: 'c2', to: ['bare@example.com'], from: 'hello@acme.test',
      subject: 'Welcome, there!',
      body: 'Hi there  of your company. Questions? Us at help@acme.test',
    });
    expect(a.at).toBe(utc(T));
  });

  it('treats a blank value like an empty one: the fallback is used', () => {
    const seq = sequence('s', { name: 'S', paths: [start().email({ subject: 'Hi ~Contact.FirstName|friend~', body: 'x' })] });
    const result = one(seq, [{ id: 'c1', email: 'a@example.com', firstName: '   ' }]);
    expect(emails(result.effects)[0].subject).toBe('Hi friend');
  });

  it('renders declared custom fields, by name and with Keap\'s _ prefix, and address fields', () => {
    const contact = defineContact({ planName: 'string', loyaltyPoints: 'number' });
    const seq = sequence('plan', {
      name: 'Plan',
      paths: [contact.start().email({
        subject: 'Your ~Contact.PlanName~ plan',
        body: '~Contact._LoyaltyPoints~ points, ~Contact.PlanName|no plan~, shipping to ~Contact.City~ ~Contact.PostalCode~',
      })],
    });
    const result = one(seq, [{ ...ada, planName: 'Annual beans', loyaltyPoints: 340 }]);
    expect(emails(result.effects)[0]).toMatchObject({
      subject: 'Your Annual beans plan',
      body: '340 points, Annual beans, shipping to London SW1Y 4JH',
    });
  });

  it("goes to the owner with to: 'owner', and to staff addresses (merged) for a notification", () => {
    const seq = sequence('notify', {
      name: 'Notify',
      paths: [start()
        .email({ to: 'owner', subject: 'New lead: ~Contact.Email~', body: 'Call ~Contact.FirstName~', id: 'to-owner' })
        .email({ to: ['sales@acme.test', '~Owner.Email~'], subject: 'Lead ~Contact.FirstName~', body: 'x', id: 'to-staff' })],
    });
    const result = one(seq, [ada]);
    expect(emails(result.effects).map((e) => [e.stepId, e.to, e.subject])).toEqual([
      ['to-owner', ['ann@acme.test'], 'New lead: ada@example.com'],
      ['to-staff', ['sales@acme.test', 'ann@acme.test'], 'Lead Ada'],
    ]);
  });

  it('sends a staff notification about a contact that has no email address itself', () => {
    const seq = sequence('notify', { name: 'Notify', paths: [start().email({ to: 'sales@acme.test', subject: 'Lead ~Contact.Id~', body: 'x' })] });
    const result = one(seq, [{ id: 'c9' }]);
    expect(emails(result.effects).map((e) => [e.to, e.subject])).toEqual([[['sales@acme.test'], 'Lead c9']]);
  });

  it("is skipped with 'no email address' for a contact without one, and the path goes on", () => {
    const seq = sequence('s', { name: 'S', paths: [start().email({ subject: 'Hi', body: 'x' }).applyTag('After')] });
    const result = one(seq, [{ id: 'c1' }, { id: 'c2', email: '  ' }]);
    expect(shown(result)).toEqual([
      `${T} c1 s/0 email-hi skipped (no email address)`,
      `${T} c1 s/0 tag-after done`,
      `${T} c2 s/0 email-hi skipped (no email address)`,
      `${T} c2 s/0 tag-after done`,
    ]);
    expect(emails(result.effects)).toEqual([]);
  });

  it("is skipped when sent to the owner of a contact that has none", () => {
    const seq = sequence('s', { name: 'S', paths: [start().email({ to: 'owner', subject: 'Hi', body: 'x' })] });
    const result = one(seq, [bare]);
    expect(result.trace.map((l) => l.status)).toEqual(['skipped']);
    expect(result.trace[0].reason).toMatch(/owner/);
    expect(emails(result.effects)).toEqual([]);
  });
});

describe('fax and letter (SEMANTICS §4)', () => {
  const seq = sequence('paper', {
    name: 'Paper',
    paths: [start()
      .fax({ subject: 'Your quote', body: 'Dear ~Contact.FirstName|customer~, call ~Owner.Phone~.' })
      .letter({ subject: 'Thank you', body: 'Dear ~Contact.FirstName|customer~,\nthank you.' })],
  });

  it('faxes to the contact\'s fax number and prints a letter to the postal address, merged', () => {
    const result = one(seq, [ada]);
    expect(shown(result)).toEqual([`${T} c1 paper/0 fax-your-quote done`, `${T} c1 paper/0 letter-thank-you done`]);
    const [fax] = effectsOf(result.effects, 'fax');
    expect(fax).toMatchObject({ to: ['+44 20 7946 0000'], subject: 'Your quote', body: 'Dear Ada, call +1 212 555 0101.' });
    const [letter] = effectsOf(result.effects, 'letter');
    expect(letter).toMatchObject({ subject: 'Thank you', body: 'Dear Ada,\nthank you.' });
    expect(letter.address).toEqual(['Ada Lovelace', '12 St James Sq', 'London SW1Y 4JH', 'GB']);
  });

  it("skips a fax with 'no fax number' and a letter with 'no postal address'", () => {
    const noStreet = { id: 'c3', address: { city: 'Paris' } };
    const result = one(seq, [bare, noStreet]);
    expect(shown(result)).toEqual([
      `${T} c2 paper/0 fax-your-quote skipped (no fax number)`,
      `${T} c2 paper/0 letter-thank-you skipped (no postal address)`,
      `${T} c3 paper/0 fax-your-quote skipped (no fax number)`,
      `${T} c3 paper/0 letter-thank-you skipped (no postal address)`,
    ]);
    expect(result.effects).toEqual([]);
  });
});

describe('idempotency keys (SEMANTICS §4)', () => {
  const seq = sequence('drip', {
    name: 'Drip',
    paths: [
      start().email({ subject: 'One', body: 'x' }).delay('1d').email({ subject: 'Two', body: 'x' }).fax({ subject: 'Three', body: 'x' }),
      start().letter({ subject: 'Four', body: 'x', id: 'four' }).httpPost({ url: 'https://hooks.acme.test/lead', fields: { email: '~Contact.Email~' }, id: 'hook' }),
    ],
  });

  it('is made of sequence id, version, contact id, step id and occurrence', () => {
    const world = createWorld([seq], { versions: { drip: 7 }, users: USERS });
    const out = runContactInstant(world, { contact: ada, enrollments: [] }, utc(T), { enroll: ['drip'] });
    const keys = out.effects.map((e) => ('idempotencyKey' in e ? e.idempotencyKey : ''));
    expect(keys).toHaveLength(3);
    for (const [key, step] of keys.map((k, i) => [k, out.effects[i].stepId])) {
      expect(key.startsWith(`drip:v7:c1:${step}:`)).toBe(true);
    }
    expect(keys[0].split(':').at(-1)).toMatch(/^\d+(\.\d+)*$/);
  });

  it('is unique per outgoing item across contacts and steps, and the same when the run is repeated', () => {
    const contacts = [ada, { ...ada, id: 'c2' }, { ...ada, id: 'c3' }];
    const first = run([seq], contacts, { start: T, days: 3 });
    const again = run([seq], contacts, { start: T, days: 3 });
    const keys = first.effects.map((e) => ('idempotencyKey' in e ? e.idempotencyKey : '')).filter(Boolean);
    expect(keys).toHaveLength(3 * 5);
    expect(new Set(keys).size).toBe(keys.length);
    expect(again.effects.map((e) => ('idempotencyKey' in e ? e.idempotencyKey : '')).filter(Boolean)).toEqual(keys);
  });

  it('differs between two entries of the same contact into the same sequence', () => {
    const s = sequence('again', { name: 'Again', paths: [start().email({ subject: 'Hi', body: 'x' })] });
    const world = createWorld([s]);
    const first = runContactInstant(world, { contact: ada, enrollments: [] }, utc(T), { enroll: ['again'] });
    const second = runContactInstant(world, first.state, utc(T) + 86_400_000, { enroll: ['again'] });
    const [k1, k2] = [...first.effects, ...second.effects].map((e) => (e as { idempotencyKey: string }).idempotencyKey);
    expect(second.state.enrollments.map((e) => e.entry)).toEqual([1, 2]);
    expect(k1).not.toBe(k2);
  });
});
