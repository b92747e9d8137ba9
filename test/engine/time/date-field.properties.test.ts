/** Date and field timers against the brute-force oracle (oracle.ts) and Luxon's calendar arithmetic. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { DateParams, FieldTimerParams, OffsetUnit } from '../../../dsl/ir';
import { dateFireTime, fieldFireTime } from '../../../runtime/engine/time';
import { oracleFromWall, show } from './helpers';
import { DAY, ZONES, bruteFirst, clock, instantNear, localWall, makeOracle, quarter, restriction } from './oracle';

describe('date timer properties', () => {
  const input = fc.constantFrom(...ZONES).chain((zone) =>
    fc.record({
      zone: fc.constant(zone),
      entry: instantNear(zone),
      startShift: fc.integer({ min: -5, max: 5 }),
      length: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      r: restriction,
    }));

  it('fires at the first slot from max(entry, local midnight of date) within [date, until], else date passed', () => {
    fc.assert(
      fc.property(input, ({ zone, entry, startShift, length, r }) => {
        const dateWall = Math.floor(localWall(entry, zone) / DAY) * DAY + startShift * DAY;
        const ymd = (w: number) => new Date(w).toISOString().slice(0, 10);
        const params: DateParams = { date: ymd(dateWall), ...r };
        const lastWall = dateWall + (length ?? 0) * DAY;
        if (length !== undefined) params.until = ymd(lastWall);
        const got = dateFireTime(params, entry, zone);

        const lower = Math.max(entry, oracleFromWall(dateWall, zone));
        const isSlot = makeOracle(r, zone);
        const expected = bruteFirst(lower, oracleFromWall(lastWall + DAY, zone) + 2 * 3_600_000, (t) => isSlot(t, lastWall));
        const ctx = `${zone} entry ${show(entry, zone)} ${JSON.stringify(params)}`;
        if (expected === null) expect(got, ctx).toEqual({ skipped: 'date passed' });
        else expect('fireAt' in got ? show(got.fireAt, zone) : got, ctx).toBe(show(expected, zone));
      }),
      { numRuns: 300 },
    );
  });
});

describe('field timer properties', () => {
  const input = fc.constantFrom(...ZONES).chain((zone) =>
    fc.record({
      zone: fc.constant(zone),
      entry: instantNear(zone),
      year: fc.integer({ min: 1950, max: 2035 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      offset: fc.option(fc.oneof(
        fc.tuple(fc.integer({ min: -400, max: 400 }), fc.constant<OffsetUnit>('d')),
        fc.tuple(fc.integer({ min: -60, max: 60 }), fc.constant<OffsetUnit>('w')),
        fc.tuple(fc.integer({ min: -24, max: 24 }), fc.constant<OffsetUnit>('mo')),
      ).map(([amount, unit]) => ({ amount, unit })), { nil: undefined }),
      at: fc.option(quarter.map(clock), { nil: undefined }),
      occurrence: fc.constantFrom<'next' | 'exact'>('next', 'exact'),
    }).filter(({ year, month, day }) => DateTime.utc(year, month, day).isValid));

  /** The oracle's occurrence in `y`: Luxon's calendar arithmetic, then the compatible conversion. */
  function occurrence(p: FieldTimerParams, month: number, day: number, y: number, zone: string): number {
    const leap = DateTime.utc(y, 1, 1).isInLeapYear;
    let d = DateTime.utc(y, month, month === 2 && day === 29 && !leap ? 28 : day);
    if (p.offset) d = d.plus(p.offset.unit === 'mo' ? { months: p.offset.amount } : p.offset.unit === 'w' ? { weeks: p.offset.amount } : { days: p.offset.amount });
    const at = p.at ? Number(p.at.slice(0, 2)) * 60 + Number(p.at.slice(3)) : 0;
    return oracleFromWall(d.toMillis() + at * 60_000, zone);
  }

  it('next: the earliest shifted anniversary not before the entry; exact: that year or date passed; repeat: strictly after', () => {
    fc.assert(
      fc.property(input, ({ zone, entry, year, month, day, offset, at, occurrence: occ }) => {
        const p: FieldTimerParams = { field: 'birthday', occurrence: occ };
        if (offset) p.offset = offset;
        if (at) p.at = at;
        const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const ctx = `${zone} entry ${show(entry, zone)} ${value} ${JSON.stringify(p)}`;
        const got = fieldFireTime(p, value, entry, zone);
        const entryYear = DateTime.fromMillis(entry, { zone }).year;
        const candidates = (after: number) => {
          const ys: number[] = [];
          const fromYear = after === -Infinity ? entryYear : DateTime.fromMillis(after, { zone }).year;
          for (let y = fromYear - 4; y <= fromYear + 4; y++) if (occ === 'next' || y >= year) ys.push(y);
          return ys.map((y) => occurrence(p, month, day, y, zone)).filter((t) => t >= entry && t > after).sort((a, b) => a - b);
        };
        if (occ === 'exact') {
          const t = occurrence(p, month, day, year, zone);
          expect(got, ctx).toEqual(t >= entry ? { fireAt: t } : { skipped: 'date passed' });
          if (t < entry) return;
        } else {
          expect(got, ctx).toEqual({ fireAt: candidates(-Infinity)[0] });
        }
        const fired = (got as { fireAt: number }).fireAt;
        const again = fieldFireTime(p, value, entry, zone, { after: fired });
        expect(again, ctx).toEqual({ fireAt: candidates(fired)[0] });
      }),
      { numRuns: 400 },
    );
  });
});
