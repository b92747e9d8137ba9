/**
 * Bad contact records never stop the run: the contact gets a sensible
 * fallback or a skip, the problem is reported once, and everyone else is
 * processed as usual.
 */
import { describe, expect, it } from 'vitest';
import { sequence, start } from 'nudge';
import type { Contact } from '../../runtime/engine/model';
import { runContactInstant } from '../../runtime/engine/run-contact';
import { createWorld } from '../../runtime/engine/world';
import { run, shown, stateOf } from './helpers';

const weekly = sequence('tz', {
  name: 'Contact zone',
  paths: [start()
    .delay('1d', { at: '09:00', tz: 'contact', id: 'day1' }).applyTag('A')
    .delay('1d', { at: '09:00', tz: 'contact', id: 'day2' }).applyTag('B')],
});

describe('bad records', () => {
  it("falls back to the account zone for an unknown contact zone on a tz: 'contact' timer, reported once", () => {
    const result = run([weekly], [
      { id: 'c1', timezone: 'Mars/Olympus' },
      { id: 'c2', timezone: 'America/New_York' },
      { id: 'c3' },
    ], { start: '2026-03-02T00:00:00Z', days: 5, zone: 'Asia/Tokyo' });
    // Entry is Mon 09:00 in Tokyo (the account zone), but Sun 19:00 in New York.
    // '1d' at 09:00 is the next local date: Tue 09:00 JST (00:00Z), Mon 09:00 EST (14:00Z).
    expect(shown(result).filter((l) => l.includes('day'))).toEqual([
      '2026-03-02T14:00:00.000Z c2 tz/0 day1 done',
      '2026-03-03T00:00:00.000Z c1 tz/0 day1 done',
      '2026-03-03T00:00:00.000Z c3 tz/0 day1 done',
      '2026-03-03T14:00:00.000Z c2 tz/0 day2 done',
      '2026-03-04T00:00:00.000Z c1 tz/0 day2 done',
      '2026-03-04T00:00:00.000Z c3 tz/0 day2 done',
    ]);
    // Two timers read the bad zone; the problem is reported once, for c1 only (c3 simply has no zone).
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].contactId).toBe('c1');
    expect(result.errors[0].message).toContain('Mars/Olympus');
    expect(result.errors[0].message).toContain('Asia/Tokyo');
  });

  it("skips a field timer on a malformed birthday ('field empty') and goes on with everyone else", () => {
    const seq = sequence('bday', { name: 'Birthday', paths: [start().fieldTimer('birthday').applyTag('Greeted')] });
    const result = run([seq], [
      { id: 'c1', birthday: '1990-13-45' },
      { id: 'c2', birthday: '1990-03-05' },
    ], { start: '2026-03-02T00:00:00Z', days: 5 });
    expect(shown(result)).toEqual([
      '2026-03-02T00:00:00.000Z c1 bday/0 field-birthday skipped (field empty)',
      '2026-03-02T00:00:00.000Z c1 bday/0 tag-greeted skipped (timer skipped)',
      '2026-03-05T00:00:00.000Z c2 bday/0 field-birthday done',
      '2026-03-05T00:00:00.000Z c2 bday/0 tag-greeted done',
    ]);
  });

  it('runs every step for records with wrongly typed fields, without throwing', () => {
    const seq = sequence('all', {
      name: 'All kinds',
      paths: [start()
        .applyTag('Lead').removeTag('Old')
        .email({ subject: 'Hi ~Contact.FirstName|there~', body: '~Owner.Email|nobody~' })
        .fax({ body: 'x' }).letter({ body: 'x' })
        .setField('city', 'Bergen')
        .createTask({ title: 'Call' })
        .fieldTimer('birthday', { tz: 'contact' })
        .applyTag('After')],
    });
    const weird = [
      { id: 'w1', email: 42, firstName: ['Ada'], fax: {}, tags: 'VIP', timezone: 7, birthday: null, ownerId: 'u-nobody' },
      { id: 'w2', email: 'ok@example.com', address: 'Main St 1', tags: [null, 'X'], card: 'yes' },
    ] as unknown as Contact[];
    const result = run([seq], [...weird, { id: 'ok', email: 'fine@example.com', birthday: '1990-03-05', ownerId: 'u-ann' }], {
      start: '2026-03-02T00:00:00Z', days: 5,
    });
    expect(shown(result).filter((l) => l.includes(' ok '))).toContain('2026-03-05T00:00:00.000Z ok all/0 tag-after done');
    for (const id of ['w1', 'w2']) {
      const lines = result.trace.filter((l) => l.contact === id);
      expect(lines).toHaveLength(9);
      expect(lines.at(-1)).toMatchObject({ step: 'tag-after', status: 'skipped', reason: 'timer skipped' });
    }
    // Tags that are not a list count as none; entries that are not strings are left out.
    expect(stateOf(result, 'w1').contact.tags).toEqual(['Lead']);
    expect(stateOf(result, 'w2').contact.tags).toEqual(['X', 'Lead']);
    expect(result.trace.find((l) => l.contact === 'w1' && l.kind === 'email')).toMatchObject({ status: 'skipped', reason: 'no email address' });
  });

  it('copes with bad tags when a host calls the engine directly, too', () => {
    const seq = sequence('t', { name: 'Tags', paths: [start().applyTag('Lead').removeTag('VIP')] });
    const contact = { id: 'c1', tags: 'VIP' } as unknown as Contact;
    const out = runContactInstant(createWorld([seq]), { contact, enrollments: [] }, Date.parse('2026-03-02T00:00:00Z'), { enroll: ['t'], tagsApplied: ['New'] });
    expect(out.state.contact.tags).toEqual(['New', 'Lead']);
    expect(out.trace.map((l) => l.status)).toEqual(['done', 'done']);
    expect(contact.tags).toBe('VIP');
  });
});
