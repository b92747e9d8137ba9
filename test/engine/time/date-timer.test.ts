import { describe, expect, it } from 'vitest';
import type { DateParams } from '../../../dsl/ir';
import { dateFireTime, formatLocal } from '../../../runtime/engine/time';
import { KOL, NY, SYD, utc } from './helpers';

const local = (p: DateParams, entryIso: string, zone: string): string => {
  const r = dateFireTime(p, utc(entryIso), zone);
  return 'fireAt' in r ? formatLocal(r.fireAt, zone) : `skipped: ${r.skipped}`;
};

describe('date timer (SEMANTICS §2.2)', () => {
  it('fires at local midnight of a future date when there is no time restriction', () => {
    expect(local({ date: '2026-12-24' }, '2026-12-01T12:00:00Z', NY)).toBe('2026-12-24 00:00 EST');
    expect(dateFireTime({ date: '2026-12-24' }, utc('2026-12-01T12:00:00Z'), KOL)).toEqual({ fireAt: utc('2026-12-23T18:30:00Z') });
  });

  it('fires at once when entered during the date, and is skipped once the date has passed', () => {
    expect(local({ date: '2026-12-24' }, '2026-12-24T20:00:00Z', NY)).toBe('2026-12-24 15:00 EST');
    expect(local({ date: '2026-12-24' }, '2026-12-25T05:00:00Z', NY)).toBe('skipped: date passed'); // 25th 00:00 EST
    // Still the 24th in New York when it is already the 25th in UTC.
    expect(local({ date: '2026-12-24' }, '2026-12-25T04:59:00Z', NY)).toBe('2026-12-24 23:59 EST');
  });

  it("with 'at': that time on the date; if it has passed that day, the date has passed", () => {
    expect(local({ date: '2026-12-24', at: '09:00' }, '2026-12-01T12:00:00Z', NY)).toBe('2026-12-24 09:00 EST');
    expect(local({ date: '2026-12-24', at: '09:00' }, '2026-12-24T15:00:00Z', NY)).toBe('skipped: date passed');
  });

  it("with 'until': the first allowed slot in the inclusive range", () => {
    expect(local({ date: '2026-12-24', until: '2026-12-26', at: '09:00' }, '2026-12-24T15:00:00Z', NY)).toBe('2026-12-25 09:00 EST');
    expect(local({ date: '2026-12-24', until: '2026-12-26', at: '09:00' }, '2026-12-26T13:59:00Z', NY)).toBe('2026-12-26 09:00 EST');
    expect(local({ date: '2026-12-24', until: '2026-12-26', at: '09:00' }, '2026-12-26T14:01:00Z', NY)).toBe('skipped: date passed');
    expect(local({ date: '2026-12-24', until: '2026-12-26' }, '2026-12-26T14:01:00Z', NY)).toBe('2026-12-26 09:01 EST');
  });

  it("with 'on': only allowed dates of the range count", () => {
    // Fri 25 Dec 10:00, weekdays at 09:00: Friday's has passed, the weekend is not allowed → Mon 28.
    const p: DateParams = { date: '2026-12-25', until: '2026-12-28', on: 'weekdays', at: '09:00' };
    expect(local(p, '2026-12-25T15:00:00Z', NY)).toBe('2026-12-28 09:00 EST');
    expect(local({ ...p, until: '2026-12-27' }, '2026-12-25T15:00:00Z', NY)).toBe('skipped: date passed');
    expect(local({ date: '2026-12-26', until: '2026-12-31', on: ['wed'] }, '2026-12-01T00:00:00Z', NY)).toBe('2026-12-30 00:00 EST');
  });

  it("with 'between': at once inside a window, else the next window start within the range", () => {
    const p: DateParams = { date: '2026-12-24', until: '2026-12-25', between: ['09:00', '17:00'] };
    expect(local(p, '2026-12-24T15:30:00Z', NY)).toBe('2026-12-24 10:30 EST');
    expect(local(p, '2026-12-24T23:00:00Z', NY)).toBe('2026-12-25 09:00 EST');
    expect(local(p, '2026-12-25T22:00:00Z', NY)).toBe('skipped: date passed');
    expect(local(p, '2026-11-01T12:00:00Z', NY)).toBe('2026-12-24 09:00 EST');
  });

  it('treats an until before the date as an empty range', () => {
    expect(local({ date: '2026-12-24', until: '2026-12-20' }, '2026-12-01T00:00:00Z', NY)).toBe('skipped: date passed');
  });

  it('uses the compatible rule for a midnight or a time that does not exist', () => {
    // Santiago springs forward at midnight: 6 September 2026 starts at 01:00.
    expect(local({ date: '2026-09-06' }, '2026-09-01T00:00:00Z', 'America/Santiago')).toBe('2026-09-06 01:00 -03:00');
    expect(local({ date: '2026-03-08', at: '02:30' }, '2026-03-01T00:00:00Z', NY)).toBe('2026-03-08 03:30 EDT');
    expect(local({ date: '2026-10-04', at: '02:30' }, '2026-10-01T00:00:00Z', SYD)).toBe('2026-10-04 03:30 +11:00');
  });

  it('reads the date in the timer zone: the same date is a different instant in Kolkata and New York', () => {
    const p: DateParams = { date: '2026-12-24', at: '09:00' };
    const entry = utc('2026-12-01T00:00:00Z');
    expect(dateFireTime(p, entry, KOL)).toEqual({ fireAt: utc('2026-12-24T03:30:00Z') });
    expect(dateFireTime(p, entry, NY)).toEqual({ fireAt: utc('2026-12-24T14:00:00Z') });
  });
});
