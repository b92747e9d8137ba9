/**
 * The engine is pure (DESIGN: "the engine is pure"; SEMANTICS: the dry run
 * produces exactly what real execution produces): `runContactInstant` never
 * changes its input state, and the same input gives the same output.
 */
import { describe, expect, it } from 'vitest';
import { purchaseFailed, sequence, start, tagApplied } from 'nudge';
import type { Contact } from '../../runtime/engine/model';
import { runContactInstant, type ContactState } from '../../runtime/engine/run-contact';
import { createWorld } from '../../runtime/engine/world';
import { USERS, utc } from './helpers';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const main = sequence('main', {
  name: 'Main',
  paths: [
    start()
      .applyTag('Lead').removeTag('Prospect')
      .setField('city', 'Bergen').setField('leadSource', 'Webinar')
      .assignOwner({ roundRobin: ['u-ann', 'u-bob'] })
      .email({ subject: 'Hi ~Contact.FirstName|there~', body: 'Owner ~Owner.FirstName~' })
      .createOrder({ items: [{ product: 'beans', price: 10 }], payment: 'autocharge' })
      .delay('1d')
      .applyNote({ subject: 'Day one' }),
    start().fieldTimer('birthday', { repeat: 'yearly', id: 'bday' }).applyTag('Birthday', { id: 'bday-tag' }),
  ],
});
const dunning = sequence('dunning', { name: 'Dunning', startOn: purchaseFailed(), paths: [start().applyTag('Dunning')] });
const leadWatcher = sequence('lead-watch', { name: 'Lead watcher', startOn: tagApplied('Lead'), paths: [start().delay('2h').applyTag('Watched')] });

const contact: Contact = {
  id: 'c1', email: 'ada@example.com', firstName: 'Ada', tags: ['Prospect'], birthday: '1990-03-10',
  address: { street: 'Bryggen 1', city: 'Oslo' }, card: { last4: '0002', decline: true },
};
const T0 = utc('2026-03-02T10:00:00Z');
const newWorld = () => createWorld([main, dunning, leadWatcher], { users: USERS });

describe('runContactInstant is pure', () => {
  it('does not change the input state (deeply frozen input, every kind of update)', () => {
    const input: ContactState = deepFreeze({ contact: structuredClone(contact), enrollments: [] });
    const charging = runContactInstant(newWorld(), input, T0, { enroll: ['main'], fields: { firstName: 'Ada' }, tagsApplied: ['New'] });
    // The autocharge stops the instant; the host's answer (this card declines) goes on from a frozen copy.
    expect(charging.charge).toMatchObject({ type: 'chargeCard', contactId: 'c1', stepId: 'order-beans', total: 10 });
    const out = runContactInstant(newWorld(), deepFreeze(structuredClone(charging.state)), T0, {
      charges: [{ key: charging.charge!.idempotencyKey, approved: false, reason: 'card declined' }],
    });
    expect(out.trace.find((l) => l.step === 'order-beans')).toMatchObject({ status: 'failed', reason: 'card declined' });
    expect(charging.trace.length + out.trace.length).toBeGreaterThan(5);
    expect(out.state.contact.tags).toEqual(['New', 'Lead', 'Dunning']);
    expect(out.state.contact.address).toEqual({ street: 'Bryggen 1', city: 'Bergen' });

    // The next instants, from a frozen copy of the state the first call returned.
    const waiting = deepFreeze(structuredClone(out.state));
    const later = runContactInstant(newWorld(), waiting, out.nextWakeAt!);
    expect(later.trace.length).toBeGreaterThan(0);
    const birthday = runContactInstant(newWorld(), deepFreeze(structuredClone(later.state)), utc('2026-03-10T00:00:00Z'));
    // A late call still writes the 1-day timer at its own fire time.
    expect(birthday.trace.map((l) => `${new Date(l.time).toISOString()} ${l.step}`)).toEqual([
      '2026-03-03T10:00:00.000Z wait-1d',
      '2026-03-10T00:00:00.000Z note-day-one',
      '2026-03-10T00:00:00.000Z bday',
      '2026-03-10T00:00:00.000Z bday-tag',
    ]);
  });

  it('gives the same output for the same input, call after call', () => {
    const input: ContactState = { contact: structuredClone(contact), enrollments: [] };
    const snapshot = structuredClone(input);
    const world = newWorld();
    const a = runContactInstant(world, input, T0, { enroll: ['main'] });
    const b = runContactInstant(world, input, T0, { enroll: ['main'] });
    expect(b).toEqual(a);
    expect(input).toEqual(snapshot);
    expect(runContactInstant(newWorld(), input, T0, { enroll: ['main'] })).toEqual(a);
  });

  it('returns the round-robin counters it advanced instead of changing the world', () => {
    const world = newWorld();
    const before = new Map(world.roundRobin);
    const a = runContactInstant(world, { contact: { id: 'c1' }, enrollments: [] }, T0, { enroll: ['main'] });
    expect(world.roundRobin).toEqual(before);
    expect(a.state.contact.ownerId).toBe('u-ann');
    expect(a.roundRobin).toEqual({ 'main/owner-round-robin': 1 });
    // A host that persists the counters passes them back in: the next contact gets the next user.
    const next = createWorld([main, dunning, leadWatcher], { users: USERS, roundRobin: a.roundRobin });
    const b = runContactInstant(next, { contact: { id: 'c2' }, enrollments: [] }, T0, { enroll: ['main'] });
    expect(b.state.contact.ownerId).toBe('u-bob');
  });

  it('needs no clock: the same call on another day gives the same answer', async () => {
    const input: ContactState = { contact: structuredClone(contact), enrollments: [] };
    const a = runContactInstant(newWorld(), input, T0, { enroll: ['main'] });
    await new Promise((r) => setTimeout(r, 5));
    const b = runContactInstant(newWorld(), input, T0, { enroll: ['main'] });
    expect(b).toEqual(a);
  });
});
