/**
 * Process objects that change the contact record (SEMANTICS §1 table):
 * applyTag, removeTag, setField, assignOwner.
 */
import { describe, expect, it } from 'vitest';
import { defineContact, sequence, start } from 'nudge';
import type { Contact } from '../../runtime/engine/model';
import { emails, run, shown, stateOf } from './helpers';

const T = '2026-03-02T15:00:00.000Z';

describe('applyTag / removeTag', () => {
  it('adds and removes tags on the contact record', () => {
    const seq = sequence('tags', {
      name: 'Tags',
      paths: [start().applyTag('Lead').applyTag('Newsletter').removeTag('Prospect').removeTag('Never-had-it').applyTag('Lead', { id: 'lead-again' })],
    });
    const result = run([seq], [{ id: 'c1', tags: ['Prospect', 'VIP'] }], { start: T, days: 1 });
    expect(result.trace.every((l) => l.status === 'done')).toBe(true);
    expect(stateOf(result, 'c1').contact.tags).toEqual(['VIP', 'Lead', 'Newsletter']);
  });

  it('leaves the caller\'s contact records untouched (the run works on copies)', () => {
    const contact: Contact = { id: 'c1', tags: ['Prospect'], address: { city: 'Oslo' } };
    const seq = sequence('s', { name: 'S', paths: [start().applyTag('Lead').removeTag('Prospect').setField('city', 'Bergen')] });
    run([seq], [contact], { start: T, days: 1 });
    expect(contact).toEqual({ id: 'c1', tags: ['Prospect'], address: { city: 'Oslo' } });
  });
});

describe('setField', () => {
  const contact = defineContact({ leadScore: 'number', vip: 'boolean', renewalDate: 'date', trialEndsAt: 'datetime' });

  it('writes typed values: strings, numbers, booleans, dates and date-times', () => {
    const seq = sequence('fields', {
      name: 'Fields',
      paths: [contact.start()
        .setField('leadSource', 'Webinar')
        .setField('leadScore', 42)
        .setField('vip', false)
        .setField('renewalDate', '2027-01-15')
        .setField('trialEndsAt', '2026-04-01T17:00:00Z')],
    });
    const result = run([seq], [{ id: 'c1', leadScore: 1, vip: true }], { start: T, days: 1 });
    expect(result.trace.map((l) => `${l.kind} ${l.status}`)).toEqual(Array(5).fill('setField done'));
    const c = stateOf(result, 'c1').contact;
    expect(c).toMatchObject({ leadSource: 'Webinar', leadScore: 42, vip: false, renewalDate: '2027-01-15', trialEndsAt: '2026-04-01T17:00:00Z' });
    expect(typeof c.leadScore).toBe('number');
    expect(typeof c.vip).toBe('boolean');
  });

  it('writes address fields into the postal address, keeping the other parts', () => {
    const seq = sequence('move', { name: 'Move', paths: [start().setField('city', 'Bergen').setField('postalCode', '5003')] });
    const result = run([seq], [{ id: 'c1', address: { street: 'Bryggen 1', city: 'Oslo', country: 'NO' } }], { start: T, days: 1 });
    expect(stateOf(result, 'c1').contact.address).toEqual({ street: 'Bryggen 1', city: 'Bergen', postalCode: '5003', country: 'NO' });
  });

  it('clears a field with null, so later steps see it empty', () => {
    const seq = sequence('clear', {
      name: 'Clear',
      paths: [start().setField('firstName', null).setField('city', null).email({ subject: 'Hi ~Contact.FirstName|there~ in ~Contact.City|your town~', body: 'x' })],
    });
    const result = run([seq], [{ id: 'c1', email: 'a@example.com', firstName: 'Ada', address: { street: 'x', city: 'Oslo' } }], { start: T, days: 1 });
    const c = stateOf(result, 'c1').contact;
    expect(c.firstName).toBeUndefined();
    expect(c.address?.city).toBeUndefined();
    expect(c.address?.street).toBe('x');
    expect(emails(result.effects)[0].subject).toBe('Hi there in your town');
  });
});

describe('assignOwner', () => {
  it('sets the owner, and later steps of the same instant use the new owner', () => {
    const seq = sequence('own', {
      name: 'Own',
      paths: [start().assignOwner('u-bob').email({ to: 'owner', subject: 'Your new lead ~Contact.FirstName~', body: 'Owner: ~Owner.FirstName~' })],
    });
    const result = run([seq], [{ id: 'c1', firstName: 'Ada', ownerId: 'u-ann' }], { start: T, days: 1 });
    expect(stateOf(result, 'c1').contact.ownerId).toBe('u-bob');
    expect(emails(result.effects).map((e) => [e.to, e.body])).toEqual([[['bob@acme.test'], 'Owner: Bob']]);
  });

  it('fails for a user the account does not have, and keeps the owner', () => {
    const seq = sequence('own', { name: 'Own', paths: [start().assignOwner('u-zed').applyTag('After')] });
    const result = run([seq], [{ id: 'c1', ownerId: 'u-ann' }], { start: T, days: 1 });
    expect(shown(result)).toEqual([
      `${T} c1 own/0 owner-u-zed failed (unknown user u-zed)`,
      `${T} c1 own/0 tag-after done`,
    ]);
    expect(stateOf(result, 'c1').contact.ownerId).toBe('u-ann');
  });

  it('rotates round robin across contacts in contact-id order, and keeps counting at later instants', () => {
    const seq = sequence('rr', {
      name: 'Round robin', startOn: { kind: 'apiGoal', name: 'lead' },
      paths: [start().assignOwner({ roundRobin: ['u-ann', 'u-bob', 'u-cho'] })],
    });
    const contacts = ['c4', 'c2', 'c5', 'c1', 'c3'].map((id) => ({ id }));
    const lead = (contactId: string, at: string) => ({ at, contactId, goals: [{ kind: 'apiGoal' as const, name: 'lead' }] });
    const result = run([seq], contacts, {
      start: '2026-03-02T00:00:00Z', days: 2, enrollAll: false,
      inputs: [lead('c3', T), lead('c1', T), lead('c2', T), lead('c4', T), lead('c5', '2026-03-03T09:00:00Z')],
    });
    const owners = Object.fromEntries(result.states.map((s) => [s.contact.id, s.contact.ownerId]));
    expect(owners).toEqual({ c1: 'u-ann', c2: 'u-bob', c3: 'u-cho', c4: 'u-ann', c5: 'u-bob' });
  });

  it('keeps one rotation per step: two round-robin steps count separately', () => {
    const seq = sequence('rr2', {
      name: 'Two rotations',
      paths: [start().assignOwner({ roundRobin: ['u-ann', 'u-bob'] }, { id: 'first' }).assignOwner({ roundRobin: ['u-cho', 'u-bob'] }, { id: 'second' })],
    });
    const result = run([seq], [{ id: 'c1' }, { id: 'c2' }], { start: T, days: 1 });
    expect(result.states.map((s) => s.contact.ownerId)).toEqual(['u-cho', 'u-bob']);
  });
});
