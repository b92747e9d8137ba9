/**
 * The brute-force oracle for the property tests: it walks the clock in
 * 15-minute steps and reads local time with Luxon directly (no code shared
 * with the engine's offset cache or slot search), plus generators that aim
 * inputs at the zones' DST changes.
 *
 * Why 15 minutes is exhaustive: every zone used here has offsets that are
 * multiples of 15 minutes and every generated `at`/`between` time is on the
 * quarter hour, so a local time on the quarter hour, an offset change and a
 * gap-shifted time can only happen on a UTC quarter hour. Between two such
 * instants nothing can become a slot, so "the first slot" is the first
 * grid instant (or `earliest` itself) that is one.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { DayRule, Weekday } from '../../../dsl/ir';
import { KOL, LHI, NY, SYD, instantsOfWall, luxonOffsetMs, oracleFromWall, utc } from './helpers';

export const ZONES = [NY, SYD, LHI, KOL, 'UTC', 'Europe/London', 'America/Santiago', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Beirut'];
export const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const Q = 15 * 60_000;
export const DAY = 86_400_000;
const FROM = utc('2020-01-01T00:00:00Z');
const TO = utc('2030-12-31T00:00:00Z');

/** Offset changes 2020–2030 per zone (daily Luxon probes, bisected), to aim entries at DST nights. */
const changes = new Map<string, number[]>();
export function changesOf(zone: string): number[] {
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
export const instantNear = (zone: string) => {
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

export const quarter = fc.integer({ min: 0, max: 95 }).map((q) => q * 15);
export const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export interface Restriction { on?: DayRule; at?: string; between?: [string, string] }
export const restriction: fc.Arbitrary<Restriction> = fc.record({
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
export function makeOracle(r: Restriction, zone: string) {
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
export function bruteFirst(lower: number, limit: number, isSlot: (t: number) => boolean): number | null {
  if (isSlot(lower)) return lower;
  for (let t = Math.floor(lower / Q) * Q + Q; t <= limit; t += Q) if (isSlot(t)) return t;
  return null;
}

export const localWall = (t: number, zone: string) => {
  const dt = DateTime.fromMillis(t, { zone });
  return Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second, dt.millisecond);
};
