import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { FieldTimerParams, OffsetUnit } from '../../../dsl/ir';
import { fieldFireTime, formatLocal, type FieldTimerOptions } from '../../../runtime/engine/time';
import { NY, utc } from './helpers';

const timer = (occurrence: 'next' | 'exact', offset?: string, at?: string): FieldTimerParams => {
  const p: FieldTimerParams = { field: 'birthday', occurrence };
  if (offset) {
    const m = /^([+-]?\d+)(h|d|w|mo)$/.exec(offset)!;
    p.offset = { amount: Number(m[1]), unit: m[2] as OffsetUnit };
  }
  if (at) p.at = at;
  return p;
};
const local = (p: FieldTimerParams, value: unknown, entryIso: string, zone = 'UTC', opts?: FieldTimerOptions): string => {
  const r = fieldFireTime(p, value, utc(entryIso), zone, opts);
  return 'fireAt' in r ? formatLocal(r.fireAt, zone) : `skipped: ${r.skipped}`;
};

describe("field timer, occurrence 'next' (SEMANTICS §2.3)", () => {
  it('birthday 2 Jan, offset -3d, entered 31 Dec 2026 → 30 Dec 2027 (30 Dec 2026 is already past)', () => {
    expect(local(timer('next', '-3d'), '1990-01-02', '2026-12-31T12:00:00Z')).toBe('2027-12-30 00:00 UTC');
    expect(local(timer('next', '-3d'), '1990-01-02', '2026-12-31T17:00:00Z', NY)).toBe('2027-12-30 00:00 EST');
  });

  it('birthday 30 Dec, offset 5d, entered 2 Jan 2027 → 4 Jan 2027 (the anniversary of the year before)', () => {
    expect(local(timer('next', '5d'), '1990-12-30', '2027-01-02T12:00:00Z')).toBe('2027-01-04 00:00 UTC');
  });

  it('fires at the entry itself when the occurrence is exactly then, and next year once it has gone by', () => {
    expect(local(timer('next'), '1990-05-17', '2026-05-17T00:00:00Z')).toBe('2026-05-17 00:00 UTC');
    expect(local(timer('next'), '1990-05-17', '2026-05-17T00:00:01Z')).toBe('2027-05-17 00:00 UTC');
  });

  it("uses 'at' as the time of day, local to the zone", () => {
    expect(local(timer('next', undefined, '09:00'), '1990-05-17', '2026-05-17T12:00:00Z', NY)).toBe('2026-05-17 09:00 EDT');
    expect(local(timer('next', undefined, '09:00'), '1990-05-17', '2026-05-17T13:00:01Z', NY)).toBe('2027-05-17 09:00 EDT');
  });

  it('reads the entry on the local calendar: 02:00Z on 17 May is still 16 May in New York', () => {
    expect(local(timer('next'), '1990-05-17', '2026-05-17T02:00:00Z', NY)).toBe('2026-05-17 00:00 EDT');
  });

  it('turns 29 February into 28 February in non-leap years', () => {
    expect(local(timer('next'), '2000-02-29', '2026-01-10T00:00:00Z')).toBe('2026-02-28 00:00 UTC');
    expect(local(timer('next'), '2000-02-29', '2027-03-01T00:00:00Z')).toBe('2028-02-29 00:00 UTC');
    // The offset applies after the 28 February substitution.
    expect(local(timer('next', '1d'), '2000-02-29', '2027-01-01T00:00:00Z')).toBe('2027-03-01 00:00 UTC');
    expect(local(timer('next', '1d'), '2000-02-29', '2028-01-01T00:00:00Z')).toBe('2028-03-01 00:00 UTC');
  });

  it('shifts by calendar months clamped to the end of the month', () => {
    expect(local(timer('next', '1mo'), '1990-01-31', '2027-01-01T00:00:00Z')).toBe('2027-02-28 00:00 UTC');
    expect(local(timer('next', '1mo'), '1990-01-31', '2027-03-01T00:00:00Z')).toBe('2028-02-29 00:00 UTC');
    expect(local(timer('next', '-1mo'), '1990-03-31', '2028-01-01T00:00:00Z')).toBe('2028-02-29 00:00 UTC');
    expect(local(timer('next', '-1mo'), '1990-03-31', '2027-01-01T00:00:00Z')).toBe('2027-02-28 00:00 UTC');
  });

  it('shifts by weeks, and by offsets longer than a year', () => {
    expect(local(timer('next', '-2w'), '1990-05-17', '2026-01-01T00:00:00Z')).toBe('2026-05-03 00:00 UTC');
    // 17 May 2027 − 400 days is 12 April 2026; entered after that, the next is 17 May 2028 − 400 days.
    const minus400 = (y: number) => DateTime.fromISO(`${y}-05-17`, { zone: 'UTC' }).minus({ days: 400 }).toFormat('yyyy-MM-dd');
    expect(local(timer('next', '-400d'), '1990-05-17', '2026-04-01T00:00:00Z')).toBe(`${minus400(2027)} 00:00 UTC`);
    expect(local(timer('next', '-400d'), '1990-05-17', '2026-05-01T00:00:00Z')).toBe(`${minus400(2028)} 00:00 UTC`);
  });

  it('a time of day in the spring-forward gap fires after the gap', () => {
    expect(local(timer('next', undefined, '02:30'), '1999-03-08', '2026-03-01T00:00:00Z', NY)).toBe('2026-03-08 03:30 EDT');
  });
});

describe('field timer, hour offsets', () => {
  it("'-1h' is an hour before the occurrence's time of day, '+2h' two hours after", () => {
    expect(local(timer('next', '-1h', '09:00'), '1990-05-17', '2026-05-01T00:00:00Z', NY)).toBe('2026-05-17 08:00 EDT');
    expect(local(timer('next', '+2h', '09:00'), '1990-05-17', '2026-05-01T00:00:00Z', NY)).toBe('2026-05-17 11:00 EDT');
  });

  it('crosses midnight: -1h on a date field (00:00) is 23:00 the day before', () => {
    expect(local(timer('next', '-1h'), '1990-05-17', '2026-05-01T00:00:00Z')).toBe('2026-05-16 23:00 UTC');
    // ...and the year boundary, still finding the next occurrence after the entry.
    expect(local(timer('next', '-1h'), '1990-01-01', '2026-12-31T23:30:00Z')).toBe('2027-12-31 23:00 UTC');
  });

  it('hours are elapsed time across a DST change, as a delay\'s hours are', () => {
    // 8 March 2026 03:00 EDT; two hours earlier is 00:00 EST (the clock skipped 02:00-03:00).
    expect(local(timer('next', '-2h', '03:00'), '1990-03-08', '2026-03-01T00:00:00Z', NY)).toBe('2026-03-08 00:00 EST');
  });

  it("with occurrence 'exact', and skipped once the shifted instant has passed", () => {
    const appointment = '2026-06-10T15:00:00Z';
    expect(local(timer('exact', '-1h'), appointment, '2026-06-10T13:00:00Z', 'UTC', { fieldType: 'datetime' })).toBe('2026-06-10 14:00 UTC');
    expect(local(timer('exact', '-1h'), appointment, '2026-06-10T14:30:00Z', 'UTC', { fieldType: 'datetime' })).toBe('skipped: date passed');
  });
});

describe("field timer, occurrence 'exact'", () => {
  it('uses the full date, plus offset and time of day', () => {
    expect(local(timer('exact', '-1w'), '2027-06-01', '2026-01-01T00:00:00Z')).toBe('2027-05-25 00:00 UTC');
    expect(local(timer('exact', undefined, '10:00'), '2027-06-01', '2026-01-01T00:00:00Z', NY)).toBe('2027-06-01 10:00 EDT');
  });

  it("is skipped with 'date passed' when that is before the entry", () => {
    expect(local(timer('exact'), '2020-06-01', '2026-01-01T00:00:00Z')).toBe('skipped: date passed');
    expect(local(timer('exact', '1mo'), '2025-12-15', '2026-01-10T00:00:00Z')).toBe('2026-01-15 00:00 UTC');
    expect(local(timer('exact', '1mo'), '2025-12-15', '2026-01-20T00:00:00Z')).toBe('skipped: date passed');
    expect(local(timer('exact', '-1w'), '2026-01-05', '2026-01-01T00:00:00Z')).toBe('skipped: date passed');
  });

  it('handles 29 February and month-end offsets', () => {
    expect(local(timer('exact'), '2028-02-29', '2026-01-01T00:00:00Z')).toBe('2028-02-29 00:00 UTC');
    expect(local(timer('exact', '1mo'), '2028-02-29', '2026-01-01T00:00:00Z')).toBe('2028-03-29 00:00 UTC');
    expect(local(timer('exact', '1mo'), '2027-01-31', '2026-01-01T00:00:00Z')).toBe('2027-02-28 00:00 UTC');
    expect(local(timer('exact', '1mo'), '2028-01-31', '2026-01-01T00:00:00Z')).toBe('2028-02-29 00:00 UTC');
    expect(local(timer('exact', '-1mo'), '2027-03-31', '2026-01-01T00:00:00Z')).toBe('2027-02-28 00:00 UTC');
  });
});

describe('field timer: reading the value', () => {
  it("skips with 'field empty' for an empty or unreadable value", () => {
    for (const v of [undefined, null, '', '   ', 42, true, {}, 'next tuesday', '2026-02-30', '17/05/1990', '2026-06-01T25:00', new Date('x')]) {
      expect(local(timer('next'), v, '2026-01-01T00:00:00Z'), JSON.stringify(v)).toBe('skipped: field empty');
      expect(local(timer('exact'), v, '2026-01-01T00:00:00Z'), JSON.stringify(v)).toBe('skipped: field empty');
    }
  });

  it("a date-time with Z or an offset is an instant, read on the timer zone's clock", () => {
    const p: FieldTimerParams = { field: 'trialEnds', occurrence: 'exact' };
    expect(local(p, '2026-06-01T14:30:00Z', '2026-01-01T00:00:00Z', NY)).toBe('2026-06-01 10:30 EDT');
    expect(local(p, '2026-06-01T14:30:00+05:30', '2026-01-01T00:00:00Z', NY)).toBe('2026-06-01 05:00 EDT');
    // 02:00Z on 1 June is 31 May, 22:00 in New York: that is its date there.
    expect(local(p, '2026-06-01T02:00:00Z', '2026-01-01T00:00:00Z', NY)).toBe('2026-05-31 22:00 EDT');
    expect(local({ ...p, offset: { amount: -1, unit: 'd' } }, '2026-06-01T14:30:00Z', '2026-01-01T00:00:00Z', NY)).toBe('2026-05-31 10:30 EDT');
    expect(local({ ...p, at: '08:00' }, '2026-06-01T14:30:00Z', '2026-01-01T00:00:00Z', NY)).toBe('2026-06-01 08:00 EDT');
  });

  it('a date-time without an offset is a wall time in the timer zone', () => {
    const p: FieldTimerParams = { field: 'trialEnds', occurrence: 'exact' };
    expect(local(p, '2026-06-01T14:30', '2026-01-01T00:00:00Z', NY)).toBe('2026-06-01 14:30 EDT');
    expect(local(p, '2026-06-01 14:30:15.5', '2026-01-01T00:00:00Z', NY)).toBe('2026-06-01 14:30 EDT');
  });

  it('a date field keeps the date as written even if the text carries a time', () => {
    expect(local(timer('next'), '1990-05-17T00:00:00.000Z', '2026-01-01T00:00:00Z', NY, { fieldType: 'date' })).toBe('2026-05-17 00:00 EDT');
    expect(local(timer('next'), new Date('1990-05-17T00:00:00Z'), '2026-01-01T00:00:00Z', NY, { fieldType: 'date' })).toBe('2026-05-17 00:00 EDT');
  });

  it('a date-only value in a date-time field is at 00:00', () => {
    expect(local(timer('exact'), '2027-06-01', '2026-01-01T00:00:00Z', NY, { fieldType: 'datetime' })).toBe('2027-06-01 00:00 EDT');
  });
});

describe("field timer: repeat 'yearly'", () => {
  const next = (p: FieldTimerParams, value: string, entryIso: string, after: string) =>
    local(p, value, entryIso, 'UTC', { after: utc(after) });

  it('gives the next occurrence strictly after the one that fired', () => {
    expect(next(timer('next'), '1990-05-17', '2026-01-01T00:00:00Z', '2026-05-17T00:00:00Z')).toBe('2027-05-17 00:00 UTC');
    expect(next(timer('next', '-3d'), '1990-01-02', '2026-12-31T00:00:00Z', '2027-12-30T00:00:00Z')).toBe('2028-12-30 00:00 UTC');
  });

  it('follows 29 February through leap and non-leap years', () => {
    expect(next(timer('next'), '2000-02-29', '2026-01-01T00:00:00Z', '2027-02-28T00:00:00Z')).toBe('2028-02-29 00:00 UTC');
    expect(next(timer('next'), '2000-02-29', '2026-01-01T00:00:00Z', '2028-02-29T00:00:00Z')).toBe('2029-02-28 00:00 UTC');
  });

  it("repeats an 'exact' date on its anniversaries", () => {
    expect(next(timer('exact'), '2026-06-01', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z')).toBe('2027-06-01 00:00 UTC');
  });
});
