/**
 * SEMANTICS §2: which zone a timer's calendar rules use, as the engine
 * applies it per contact (the arithmetic itself is tested in test/engine/time/).
 */
import { describe, expect, it } from 'vitest';
import { sequence, start } from 'nudge';
import { run, shown } from './helpers';

const at9 = (tz?: string) => sequence('nine', {
  name: 'Nine o\'clock',
  paths: [start().delay('1d', { at: '09:00', id: 'wait', ...(tz ? { tz } : {}) }).applyTag('Nine', { id: 'tag' })],
});
const contacts = [
  { id: 'c-berlin', timezone: 'Europe/Berlin' },
  { id: 'c-none' },
  { id: 'c-sydney', timezone: 'Australia/Sydney' },
];
const fired = (tz: string | undefined, zone?: string) =>
  shown(run([at9(tz)], contacts, { start: '2026-03-02T12:00:00Z', days: 3, zone })).filter((l) => l.includes(' wait '));

describe('timer zones (SEMANTICS §2)', () => {
  it('uses the account zone by default (UTC unless configured), for every contact', () => {
    expect(fired(undefined)).toEqual([
      '2026-03-03T09:00:00.000Z c-berlin nine/0 wait done',
      '2026-03-03T09:00:00.000Z c-none nine/0 wait done',
      '2026-03-03T09:00:00.000Z c-sydney nine/0 wait done',
    ]);
    expect(fired(undefined, 'America/Chicago')[0]).toBe('2026-03-03T15:00:00.000Z c-berlin nine/0 wait done');
  });

  it("uses each contact's own zone with tz: 'contact', and the account zone (silently) for a contact without one", () => {
    const result = run([at9('contact')], contacts, { start: '2026-03-02T12:00:00Z', days: 3, zone: 'America/Chicago' });
    // Entry 12:00Z is 13:00 in Berlin, 06:00 in Chicago, 23:00 in Sydney: '1d' is the next local date.
    expect(shown(result).filter((l) => l.includes(' wait '))).toEqual([
      '2026-03-02T22:00:00.000Z c-sydney nine/0 wait done',
      '2026-03-03T08:00:00.000Z c-berlin nine/0 wait done',
      '2026-03-03T15:00:00.000Z c-none nine/0 wait done',
    ]);
    expect(result.errors).toEqual([]);
  });

  it('uses an explicit IANA zone whatever the contact and account zones', () => {
    expect(fired('Asia/Kolkata', 'America/Chicago')).toEqual([
      '2026-03-03T03:30:00.000Z c-berlin nine/0 wait done',
      '2026-03-03T03:30:00.000Z c-none nine/0 wait done',
      '2026-03-03T03:30:00.000Z c-sydney nine/0 wait done',
    ]);
  });
});
