/**
 * Property tests: the time rules against a brute-force oracle that walks
 * the clock in 15-minute steps and reads local time with Luxon directly (no
 * code shared with the engine's offset cache or slot search).
 *
 * Why 15 minutes is exhaustive: every zone used here has offsets that are
 * multiples of 15 minutes and every generated `at`/`between` time is on the
 * quarter hour, so a local time on the quarter hour, an offset change and a
 * gap-shifted time can only happen on a UTC quarter hour. Between two such
 * instants nothing can become a slot, so "the first slot" is the first
 * grid instant (or `earliest` itself) that is one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { DateParams, DayRule, DelayParams, DurationUnit, FieldTimerParams, OffsetUnit, Weekday } from '../../../dsl/ir';
import { dateFireTime, delayTimes, fieldFireTime } from '../../../runtime/engine/time';
import { KOL, LHI, NY, SYD, instantsOfWall, luxonOffsetMs, oracleFromWall, show, utc } from './helpers';

const ZONES = [NY, SYD, LHI, KOL, 'UTC', 'Europe/London', 'America/Santiago', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Beirut'];
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const Q = 15 * 60_000;
const DAY = 86_400_000;
const FROM = utc('2020-01-01T00:00:00Z');
const TO = utc('2030-12-31T00:00:00Z');

/** Offset changes 2020–2030 per zone (daily Luxon probes, bisected), to aim entries at DST nights. */
const changes = new Map<string, number[]>();
function changesOf(zone: string): number[] {
  let list = changes.get(zone);
  if (list === undefined) {
    list = [];
    for (let t = FROM; t < TO; t += DAY) {
      let lo = t, hi = t + DAY;
      if (luxonOffsetMs(lo, zone) === luxonOffsetMs(hi, zone)) continue;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2);
        if (luxonOffsetMs(mid, zone) === luxonOffsetMs(lo, zone)) lo = mid; else hi = mid;
      }
      list.push(hi);
    }
    changes.set(zone, list);
  }
  return list;
}

/** An instant in 2020–2030: uniformly, or within 3 days of one of the zone's offset changes. */
const instantNear = (zone: string) => {
  const near = changesOf(zone);
  const uniform = fc.integer({ min: FROM, max: TO });
  if (near.length === 0) return uniform;
  return fc.oneof(
    uniform,
    fc.tuple(fc.integer({ min: 0, max: near.length - 1 }), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
      .map(([i, delta]) => near[i] + delta),
    // Exactly on the quarter hour near a change: the places where off-by-one mistakes live.
    fc.tuple(fc.integer({ min: 0, max: near.length - 1 }), fc.integer({ min: -12, max: 12 })).map(([i, k]) => near[i] + k * Q),
  );
};

const quarter = fc.integer({ min: 0, max: 95 }).map((q) => q * 15);
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

interface Restriction { on?: DayRule; at?: string; between?: [string, string] }
const restriction: fc.Arbitrary<Restriction> = fc.record({
  on: fc.oneof(
    fc.constant(undefined), fc.constant('any' as const), fc.constant('weekdays' as const),
    fc.subarray(WEEKDAYS, { minLength: 1 }),
  ),
  time: fc.oneof(
    fc.constant(undefined),
    quarter.map((m) => ({ at: clock(m) })),
    fc.tuple(quarter, quarter).filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ between: [clock(Math.min(a, b)), clock(Math.max(a, b))] as [string, string] })),
  ),
}).map(({ on, time }) => {
  const r: Restriction = {};
  if (on !== undefined) r.on = on;
  return time === undefined ? r : { ...r, ...time };
});

/** The oracle's reading of the rules: is instant `t` a slot (SEMANTICS §2.1, RULES.md)? */
function makeOracle(r: Restriction, zone: string) {
  const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  const allowedDays = r.on === undefined || r.on === 'any' ? WEEKDAYS
    : r.on === 'weekdays' ? WEEKDAYS.slice(0, 5) : r.on;
  const gapCache = new Map<number, number | null>();
  /** For a local date (ms of its midnight as UTC) and minutes: the compatible instant if that time is in a gap, else null. */
  const gapInstant = (dateWall: number, m: number): number | null => {
    const key = dateWall + m;
    if (!gapCache.has(key)) {
      const wall = dateWall + m * 60_000;
      gapCache.set(key, instantsOfWall(wall, zone).length === 0 ? oracleFromWall(wall, zone) : null);
    }
    return gapCache.get(key)!;
  };
  const keyMinutes = r.at !== undefined ? minutes(r.at) : r.between !== undefined ? minutes(r.between[0]) : undefined;
  return (t: number, lastDateWall = Infinity): boolean => {
    const dt = DateTime.fromMillis(t, { zone });
    const dateWall = Date.UTC(dt.year, dt.month - 1, dt.day);
    if (dateWall > lastDateWall) return false;
    if (!allowedDays.includes(WEEKDAYS[dt.weekday - 1])) return false;
    if (keyMinutes === undefined) return true;
    const local = dt.hour * 60 + dt.minute + (dt.second * 1000 + dt.millisecond) / 60_000;
    const gap = gapInstant(dateWall, keyMinutes);
    if (t === gap) return true; // the designated slot of a time that does not exist that day
    if (r.at !== undefined) return local === keyMinutes;
    const [start, end] = [keyMinutes, minutes(r.between![1])];
    return local >= start && local < end && (gap === null || t >= gap);
  };
}

/** First t ≥ lower that is a slot, walking the quarter-hour grid up to `limit`. */
function bruteFirst(lower: number, limit: number, isSlot: (t: number) => boolean): number | null {
  if (isSlot(lower)) return lower;
  for (let t = Math.floor(lower / Q) * Q + Q; t <= limit; t += Q) if (isSlot(t)) return t;
  return null;
}

const localWall = (t: number, zone: string) => {
  const dt = DateTime.fromMillis(t, { zone });
  return Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second, dt.millisecond);
};

/**
 * Inputs aimed at DST nights: `at`/`between` times on the quarter hours
 * around the local time where the clock jumps, entries on the same wall time
 * `days` before (so a d/w due lands in the gap or the repeated hour) or on
 * the quarter hours around the change itself.
 */
const dstFocused = fc.constantFrom(...ZONES.filter((z) => changesOf(z).length > 0)).chain((zone) => {
  const near = changesOf(zone);
  return fc.record({
    zone: fc.constant(zone),
    change: fc.integer({ min: 0, max: near.length - 1 }).map((i) => near[i]),
    days: fc.integer({ min: 0, max: 3 }),
    unit: fc.constantFrom<DurationUnit>('m', 'h', 'd', 'w'),
    entryShift: fc.integer({ min: -6, max: 6 }),
    sameWall: fc.boolean(),
    on: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.subarray(WEEKDAYS, { minLength: 1 }), weight: 1 }),
    kind: fc.constantFrom('none', 'at', 'between', 'between'),
    startShift: fc.integer({ min: -5, max: 5 }),
    width: fc.integer({ min: 1, max: 8 }),
  }).map(({ zone, change, days, unit, entryShift, sameWall, on, kind, startShift, width }) => {
    const jumpWall = Math.min(change + luxonOffsetMs(change - 1, zone), change + luxonOffsetMs(change, zone));
    const jumpMinutes = Math.round((jumpWall - Math.floor(jumpWall / DAY) * DAY) / 60_000);
    const clamp = (m: number) => Math.max(0, Math.min(1425, m));
    const start = clamp(jumpMinutes + startShift * 15);
    const r: Restriction = on === undefined ? {} : { on };
    if (kind === 'at') r.at = clock(start);
    if (kind === 'between') r.between = [clock(start), clock(Math.min(1439, start + width * 15))];
    const amount = unit === 'm' ? days * 15 : unit === 'h' ? days : unit === 'w' ? Math.min(days, 1) : days;
    const back = unit === 'd' ? amount : unit === 'w' ? 7 * amount : 0;
    const entry = sameWall
      ? oracleFromWall(jumpWall - back * DAY + entryShift * Q, zone)
      : change + entryShift * Q - (unit === 'h' ? amount * 3_600_000 : unit === 'm' ? amount * 60_000 : 0);
    return { zone, entry, duration: { amount, unit }, r };
  });
});

describe('delay timer properties', () => {
  const duration = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.constant<DurationUnit>('m')),
    fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constant<DurationUnit>('h')),
    fc.tuple(fc.integer({ min: 0, max: 20 }), fc.constant<DurationUnit>('d')),
    fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constant<DurationUnit>('w')),
  ).map(([amount, unit]) => ({ amount, unit }));
  const generic = fc.constantFrom(...ZONES).chain((zone) =>
    fc.record({ zone: fc.constant(zone), entry: instantNear(zone), duration, r: restriction }));

  function check({ zone, entry, duration, r }: { zone: string; entry: number; duration: DelayParams['duration']; r: Restriction }) {
    const params: DelayParams = { duration, ...r };
    const got = delayTimes(params, entry, zone);

    const days = duration.unit === 'w' ? 7 * duration.amount : duration.amount;
    const due = duration.unit === 'm' ? entry + duration.amount * 60_000
      : duration.unit === 'h' ? entry + duration.amount * 3_600_000
      : days === 0 ? entry : Math.max(entry, oracleFromWall(localWall(entry, zone) + days * DAY, zone));
    const timed = r.at !== undefined || r.between !== undefined;
    const dueDate = Math.floor(localWall(due, zone) / DAY) * DAY;
    const earliest = (duration.unit === 'd' || duration.unit === 'w') && timed
      ? Math.max(entry, oracleFromWall(dueDate, zone)) : due;
    const ctx = `${zone} entry ${show(entry, zone)} ${JSON.stringify(params)}`;
    expect(got.due, ctx).toBe(due);
    expect(got.earliest, ctx).toBe(earliest);

    const isSlot = makeOracle(r, zone);
    expect(got.fire, ctx).toBeGreaterThanOrEqual(earliest);
    const expected = bruteFirst(earliest, earliest + 9 * DAY, (t) => isSlot(t));
    expect(expected, ctx).not.toBeNull();
    expect(show(got.fire, zone), ctx).toBe(show(expected!, zone));
  }

  it('due and earliest follow SEMANTICS, and fire is the first slot at or after earliest', () => {
    fc.assert(fc.property(generic, check), { numRuns: 400 });
  });

  it('the same around DST changes, with times and entries aimed at the gap and the repeated hour', () => {
    fc.assert(fc.property(dstFocused, check), { numRuns: 1000 });
  });
});

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
