/**
 * Local wall time ⇄ instant.
 *
 * A "wall" value is a local date and time written as milliseconds since
 * 1970-01-01T00:00 *local* (as if the zone were UTC): adding `n * DAY_MS`
 * to it is exactly "the same wall time n calendar days later", which is how
 * the calendar rules step. Converting back to an instant is where time-zone
 * rules apply, with Temporal's `disambiguation: 'compatible'` (SEMANTICS §2):
 *
 * - a wall time in a spring-forward gap is read with the offset in force
 *   *before* the gap, which moves it forward by the gap's length
 *   (02:30 on 2026-03-08 in New York → 03:30 EDT);
 * - an ambiguous wall time (fall-back) takes the earlier instant.
 *
 * Luxon's own `DateTime.fromObject` moves gap times forward too, but picks
 * the side of an ambiguous time from the offset *of the current wall-clock
 * time* (its first guess is `zone.offset(Date.now())`), so its answer for
 * 01:30 on a fall-back day changes between summer and winter. We therefore
 * resolve both cases here from the zone's offsets.
 */
import { DAY_MS, MINUTE_MS, dateOfEpochDay, epochDay, weekdayOfEpochDay, type LocalDate } from './calendar';
import { ZoneOffsets } from './zone-offsets';

/** Local wall time (ms since local 1970-01-01T00:00) of instant `ts`. */
export function toWall(ts: number, z: ZoneOffsets): number {
  return ts + z.offsetMs(ts);
}

/** Local epoch day (date) of instant `ts`. */
export function localDay(ts: number, z: ZoneOffsets): number {
  return Math.floor(toWall(ts, z) / DAY_MS);
}

/**
 * Every instant whose local wall time is `wall`: one normally, two in a
 * fall-back overlap (earlier first), none in a spring-forward gap. The
 * candidate offsets are those in force a day before and a day after (every
 * real offset is within ±14 h, so they bracket any change near `wall`).
 * Returns the count; the instants are in `out[0]`, `out[1]`, and `out[2]`
 * always holds the compatible instant, so callers avoid allocating.
 */
export function wallInstances(wall: number, z: ZoneOffsets, out: number[]): number {
  const before = z.offsetMs(wall - DAY_MS);
  const t1 = wall - before;
  const fits1 = z.offsetMs(t1) === before;
  const after = z.offsetMs(wall + DAY_MS);
  if (after === before && fits1) {
    out[0] = out[2] = t1;
    return 1;
  }
  const t2 = wall - after;
  const fits2 = t2 !== t1 && z.offsetMs(t2) === after;
  let n = 0;
  if (fits1 && fits2) {
    out[0] = Math.min(t1, t2);
    out[1] = Math.max(t1, t2);
    n = 2;
  } else if (fits1 || fits2) {
    out[0] = fits1 ? t1 : t2;
    n = 1;
  }
  // Compatible: the earlier instance; in a gap, the offset from before the
  // gap, which moves the time forward by the gap's length.
  out[2] = n > 0 ? out[0] : t1;
  return n;
}

const scratch = [0, 0, 0];

/** Instant of a local wall time, `compatible` disambiguation (see the file comment). */
export function wallToInstant(wall: number, z: ZoneOffsets): number {
  wallInstances(wall, z, scratch);
  return scratch[2];
}

/** Instant of local `minutesOfDay` on local epoch day `day`. */
export function dayTimeToInstant(day: number, minutesOfDay: number, z: ZoneOffsets): number {
  return wallToInstant(day * DAY_MS + minutesOfDay * MINUTE_MS, z);
}

/**
 * Instant (UTC ms) of a local date and time of day in `zone`, `compatible`
 * disambiguation.
 *
 * @example localToInstant({ year: 2026, month: 3, day: 8 }, 150, 'America/New_York')
 *   // 02:30 does not exist that day → 2026-03-08T07:30:00Z (03:30 EDT)
 */
export function localToInstant(date: LocalDate, minutesOfDay: number, zone: string): number {
  return dayTimeToInstant(epochDay(date.year, date.month, date.day), minutesOfDay, ZoneOffsets.forName(zone));
}

/**
 * The same local date as `ms` in `zone`, at `HH:MM` local time (appointment
 * starts, task due times), `compatible` like every other local time.
 *
 * @example atLocalTime(Date.parse('2026-03-08T05:00:00Z'), '02:30', 'America/New_York')
 *   // 2026-03-08T07:30:00Z: 02:30 does not exist that day, so 03:30 EDT
 */
export function atLocalTime(ms: number, hhmm: string, zone: string): number {
  const [hour, minute] = hhmm.split(':').map(Number);
  const local = toLocal(ms, zone);
  return localToInstant({ year: local.year, month: local.month, day: local.day }, hour * 60 + minute, zone);
}

export type WeekdayName = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
const WEEKDAY_NAMES: readonly WeekdayName[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Local calendar reading of an instant in a zone. */
export interface LocalReading extends LocalDate {
  /** Minutes since local midnight (fractional if the instant has seconds). */
  minutesOfDay: number;
  weekday: WeekdayName;
  /** Offset from UTC in minutes (EDT: −240). */
  offsetMinutes: number;
}

/** How an instant reads on the local clock and calendar of `zone`. */
export function toLocal(ts: number, zone: string): LocalReading {
  const z = ZoneOffsets.forName(zone);
  const offset = z.offsetMs(ts);
  const wall = ts + offset;
  const day = Math.floor(wall / DAY_MS);
  return {
    ...dateOfEpochDay(day),
    minutesOfDay: (wall - day * DAY_MS) / MINUTE_MS,
    weekday: WEEKDAY_NAMES[weekdayOfEpochDay(day)],
    offsetMinutes: offset / MINUTE_MS,
  };
}
