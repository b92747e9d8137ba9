/**
 * SEMANTICS §2.5: steps without timers run in order at the instant the path
 * reaches them; same-instant work runs by time, then sequence id, then
 * contact id, then path index, then step position.
 */
import { describe, expect, it } from 'vitest';
import { sequence, start } from 'nudge';
import { run, shown } from './helpers';

const make = (id: string) => sequence(id, {
  name: id,
  paths: [
    start().applyTag(`${id}-1`).applyTag(`${id}-2`).delay('1h').applyTag(`${id}-3`),
    start().applyNote({ subject: `${id} note`, id: `note-${id}` }),
  ],
});

// Input orders differ from id order on purpose: 'c1' < 'c10' < 'c2' as strings.
const contacts = [{ id: 'c2' }, { id: 'c10' }, { id: 'c1' }];

describe('same-instant order (SEMANTICS §2.5)', () => {
  it('orders by sequence id, then contact id, then path, then step position', () => {
    const result = run([make('beta'), make('alpha')], contacts, { start: '2026-03-02T10:00:00Z', days: 1 });
    const at10 = shown(result).filter((l) => l.startsWith('2026-03-02T10:00'));
    const rows = (seq: string, c: string) => [
      `2026-03-02T10:00:00.000Z ${c} ${seq}/0 tag-${seq}-1 done`,
      `2026-03-02T10:00:00.000Z ${c} ${seq}/0 tag-${seq}-2 done`,
      `2026-03-02T10:00:00.000Z ${c} ${seq}/1 note-${seq} done`,
    ];
    expect(at10).toEqual([
      ...rows('alpha', 'c1'), ...rows('alpha', 'c10'), ...rows('alpha', 'c2'),
      ...rows('beta', 'c1'), ...rows('beta', 'c10'), ...rows('beta', 'c2'),
    ]);
  });

  it('orders by time first: later instants come after, whatever the ids', () => {
    const result = run([make('beta'), make('alpha')], contacts, { start: '2026-03-02T10:00:00Z', days: 1 });
    const lines = shown(result);
    expect(lines).toHaveLength(6 * 3 + 6 * 2);
    expect(lines.slice(18)).toEqual([
      '2026-03-02T11:00:00.000Z c1 alpha/0 wait-1h done',
      '2026-03-02T11:00:00.000Z c1 alpha/0 tag-alpha-3 done',
      '2026-03-02T11:00:00.000Z c10 alpha/0 wait-1h done',
      '2026-03-02T11:00:00.000Z c10 alpha/0 tag-alpha-3 done',
      '2026-03-02T11:00:00.000Z c2 alpha/0 wait-1h done',
      '2026-03-02T11:00:00.000Z c2 alpha/0 tag-alpha-3 done',
      '2026-03-02T11:00:00.000Z c1 beta/0 wait-1h done',
      '2026-03-02T11:00:00.000Z c1 beta/0 tag-beta-3 done',
      '2026-03-02T11:00:00.000Z c10 beta/0 wait-1h done',
      '2026-03-02T11:00:00.000Z c10 beta/0 tag-beta-3 done',
      '2026-03-02T11:00:00.000Z c2 beta/0 wait-1h done',
      '2026-03-02T11:00:00.000Z c2 beta/0 tag-beta-3 done',
    ]);
  });

  it('puts an earlier instant of a later contact before a later instant of an earlier contact', () => {
    const seq = sequence('s', { name: 'S', paths: [start().delay('0m', { between: ['09:00', '17:00'], tz: 'contact', id: 'open-hours' }).applyTag('Open')] });
    const result = run([seq], [
      { id: 'a-ny', timezone: 'America/New_York' },
      { id: 'b-tokyo', timezone: 'Asia/Tokyo' },
    ], { start: '2026-03-02T20:00:00Z', days: 1 });
    // 20:00Z is 15:00 in New York (open) and 05:00 in Tokyo (opens at 09:00 JST = 00:00Z).
    expect(shown(result)).toEqual([
      '2026-03-02T20:00:00.000Z a-ny s/0 open-hours done',
      '2026-03-02T20:00:00.000Z a-ny s/0 tag-open done',
      '2026-03-03T00:00:00.000Z b-tokyo s/0 open-hours done',
      '2026-03-03T00:00:00.000Z b-tokyo s/0 tag-open done',
    ]);
  });

  it('produces the same output whatever order the sequences and contacts are given in', () => {
    const a = run([make('beta'), make('alpha')], contacts, { start: '2026-03-02T10:00:00Z', days: 1 });
    const b = run([make('alpha'), make('beta')], [...contacts].reverse(), { start: '2026-03-02T10:00:00Z', days: 1 });
    expect(shown(b)).toEqual(shown(a));
    expect(b.effects).toEqual(a.effects);
  });

  it('runs steps behind no timer in order, each seeing what the step before it did', () => {
    const seq = sequence('chain', {
      name: 'Chain',
      paths: [start().setField('firstName', 'Grace').applyNote({ subject: 'Hello ~Contact.FirstName|nobody~' }).setField('firstName', null).applyNote({ subject: 'Bye ~Contact.FirstName|nobody~' })],
    });
    const result = run([seq], [{ id: 'c1' }], { start: '2026-03-02T10:00:00Z', days: 1 });
    expect(result.effects.map((e) => (e as { subject: string }).subject)).toEqual(['Hello Grace', 'Bye nobody']);
    expect(new Set(result.trace.map((l) => l.time)).size).toBe(1);
  });
});
