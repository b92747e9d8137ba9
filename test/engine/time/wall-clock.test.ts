import { describe, expect, it, afterEach } from 'vitest';
import fc from 'fast-check';
import { DateTime, Settings } from 'luxon';
import { atLocalTime, localToInstant, toLocal } from '../../../runtime/engine/time';
import { KOL, LHI, NY, SYD, iso, luxonOffsetMs, oracleInstant, utc } from './helpers';

const at = (y: number, m: number, d: number, hh: number, mm: number, zone: string) =>
  iso(localToInstant({ year: y, month: m, day: d }, hh * 60 + mm, zone));

describe('local time to instant (SEMANTICS §2, compatible disambiguation)', () => {
  it('reads an ordinary local time with the zone offset', () => {
    expect(at(2026, 1, 5, 9, 0, NY)).toBe('2026-01-05T14:00:00.000Z');
    expect(at(2026, 7, 5, 9, 0, NY)).toBe('2026-07-05T13:00:00.000Z');
    expect(at(2026, 1, 5, 9, 0, KOL)).toBe('2026-01-05T03:30:00.000Z');
    expect(at(2026, 1, 5, 9, 0, 'UTC')).toBe('2026-01-05T09:00:00.000Z');
  });

  it('moves a New York spring-forward gap time forward by the gap: 02:30 → 03:30 EDT', () => {
    expect(at(2026, 3, 8, 2, 30, NY)).toBe('2026-03-08T07:30:00.000Z');
    expect(at(2026, 3, 8, 2, 0, NY)).toBe('2026-03-08T07:00:00.000Z'); // 02:00 → 03:00 EDT
    expect(at(2026, 3, 8, 3, 0, NY)).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT itself
  });

  it('takes the earlier instant of an ambiguous New York fall-back time (01:30 EDT, not EST)', () => {
    expect(at(2026, 11, 1, 1, 30, NY)).toBe('2026-11-01T05:30:00.000Z');
  });

  it('does the same in Sydney, where DST ends on 5 April 2026 and starts on 4 October 2026', () => {
    // 03:00 AEDT on 5 April goes back to 02:00 AEST: 02:30 happens twice, take AEDT (+11).
    expect(at(2026, 4, 5, 2, 30, SYD)).toBe('2026-04-04T15:30:00.000Z');
    // 02:00 AEST on 4 October jumps to 03:00 AEDT: 02:30 → 03:30 AEDT.
    expect(at(2026, 10, 4, 2, 30, SYD)).toBe('2026-10-03T16:30:00.000Z');
  });

  it('handles Lord Howe Island, whose DST shift is 30 minutes', () => {
    // 02:00 +10:30 → 02:30 +11 on 4 October 2026: 02:15 is in the gap and becomes 02:45 +11.
    expect(at(2026, 10, 4, 2, 15, LHI)).toBe('2026-10-03T15:45:00.000Z');
    // 02:00 +11 → 01:30 +10:30 on 5 April 2026: 01:45 happens twice, take the +11 one.
    expect(at(2026, 4, 5, 1, 45, LHI)).toBe('2026-04-04T14:45:00.000Z');
  });

  it('handles a gap at midnight (Santiago, 6 September 2026: 00:00 → 01:00)', () => {
    expect(at(2026, 9, 6, 0, 0, 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
  });

  describe('does not depend on the wall clock, unlike Luxon.fromObject', () => {
    afterEach(() => { Settings.now = () => Date.now(); });

    it('gives the same answer whether "now" is in summer or winter', () => {
      const answers = new Set<string>();
      const luxonAnswers = new Set<number>();
      for (const now of [utc('2026-01-15T00:00:00Z'), utc('2026-07-15T00:00:00Z')]) {
        Settings.now = () => now;
        answers.add(at(2026, 11, 1, 1, 30, NY));
        luxonAnswers.add(DateTime.fromObject({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, { zone: NY }).toMillis());
      }
      expect([...answers]).toEqual(['2026-11-01T05:30:00.000Z']);
      // The reason for our own disambiguation: Luxon 3.7 answers differently in winter and summer.
      expect(luxonAnswers.size).toBe(2);
    });
  });

  it('agrees with an independent oracle for random local times in many zones (property)', () => {
    const zones = [NY, SYD, LHI, KOL, 'UTC', 'Europe/London', 'America/Santiago', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Beirut'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 1439 }),
        (zone, date, minutes) => {
          const y = date.getUTCFullYear(), m = date.getUTCMonth() + 1, d = date.getUTCDate();
          expect(localToInstant({ year: y, month: m, day: d }, minutes, zone)).toBe(oracleInstant(y, m, d, minutes, zone));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('toLocal', () => {
  it('reads an instant on the local calendar and clock', () => {
    expect(toLocal(utc('2026-03-09T12:00:00Z'), NY)).toEqual({
      year: 2026, month: 3, day: 9, minutesOfDay: 8 * 60, weekday: 'mon', offsetMinutes: -240,
    });
    expect(toLocal(utc('2026-01-01T00:00:00Z'), KOL)).toMatchObject({ day: 1, minutesOfDay: 330, weekday: 'thu', offsetMinutes: 330 });
  });

  it('agrees with Luxon for random instants (property)', () => {
    const zones = [NY, SYD, LHI, KOL, 'UTC', 'America/Santiago', 'Pacific/Chatham'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2031-01-01T00:00:00Z') }), (zone, ms) => {
        const l = toLocal(ms, zone);
        const r = DateTime.fromMillis(ms, { zone });
        expect([l.year, l.month, l.day, l.offsetMinutes * 60_000]).toEqual([r.year, r.month, r.day, luxonOffsetMs(ms, zone)]);
        expect(l.minutesOfDay).toBeCloseTo(r.hour * 60 + r.minute + r.second / 60 + r.millisecond / 60_000, 9);
        expect(l.weekday).toBe(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][r.weekday - 1]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('atLocalTime: the same local date at a given HH:MM (appointments, task due times)', () => {
  it('keeps the local date of the instant, not its UTC date, and moves a gap time forward', () => {
    // 02:00 UTC on 9 March is still 8 March in New York.
    expect(iso(atLocalTime(Date.parse('2026-03-09T02:00:00Z'), '09:15', NY))).toBe('2026-03-08T13:15:00.000Z');
    expect(iso(atLocalTime(Date.parse('2026-03-08T05:00:00Z'), '02:30', NY))).toBe('2026-03-08T07:30:00.000Z');
  });
});
