/**
 * The first allowed time slot at or after an instant: the part of SEMANTICS
 * §2.1 shared by delay and date timers ("fire = the first instant t ≥
 * earliest that satisfies the restrictions").
 *
 * Local times become instants with the `compatible` rule, one slot per date:
 * an `at` time (or window start, or midnight) that falls in a DST gap moves
 * forward by the gap; one that occurs twice (fall-back) is its earlier
 * occurrence. A `between` window on date D is the instants
 * [instant(D, start), instant(D, end)).
 */
import { weekdayOfEpochDay } from './calendar';
import { ANY_DAY, type CompiledRestriction } from './restriction';
import { dayTimeToInstant, localDay } from './wall-clock';
import type { ZoneOffsets } from './zone-offsets';

/**
 * First slot `t ≥ earliest` allowed by `r`, on a local date no later than
 * `lastDay` (an epoch day; default unbounded), or `null` if there is none.
 * With a non-empty day mask a slot always exists within 8 local dates.
 */
export function firstSlot(earliest: number, r: CompiledRestriction, z: ZoneOffsets, lastDay = Infinity): number | null {
  const day = localDay(earliest, z);
  if (day > lastDay) return null;
  const limit = Math.min(lastDay, day + 7);
  const mask = r.mask;

  if (r.at >= 0) {
    for (let d = day; d <= limit; d++) {
      if (!allowed(mask, d)) continue;
      const t = dayTimeToInstant(d, r.at, z);
      if (t >= earliest) return t; // on earliest's own date the time may have passed already
    }
    return null;
  }

  if (r.start >= 0) {
    for (let d = day; d <= limit; d++) {
      if (!allowed(mask, d)) continue;
      const start = dayTimeToInstant(d, r.start, z);
      if (start >= earliest) return start;
      if (d === day && earliest < dayTimeToInstant(d, r.end, z)) return earliest; // already inside today's window
    }
    return null;
  }

  // No time of day: earliest itself if its date is allowed, else the next allowed local midnight.
  if (mask === ANY_DAY || allowed(mask, day)) return earliest;
  for (let d = day + 1; d <= limit; d++) {
    if (!allowed(mask, d)) continue;
    const t = dayTimeToInstant(d, 0, z);
    if (t >= earliest) return t;
  }
  return null;
}

function allowed(mask: number, day: number): boolean {
  return (mask & (1 << weekdayOfEpochDay(day))) !== 0;
}
