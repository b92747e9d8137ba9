/**
 * The first allowed time slot at or after an instant: the part of SEMANTICS
 * §2.1 shared by delay and date timers ("fire = the first instant t ≥
 * earliest that satisfies the restrictions").
 *
 * A slot is an instant whose local date is allowed by `on` and whose local
 * time is exactly `at`, or in `[start, end)` of `between` (any time if
 * neither). Read literally on the local clock, so in a fall-back overlap
 * both passes of the repeated hour count. One exception, for times that do
 * not exist: if `at` (or a window's start) falls in a spring-forward gap on
 * some date, that date's slot (or window opening) is the compatible instant,
 * i.e. the time moved forward by the gap's length (02:30 → 03:30 EDT), and
 * a window whose start is in the gap does not open earlier than that.
 *
 * Search: the slot can only be `earliest` itself, an instance of the key
 * local time (at / start / 00:00) on some date, or an instant where the
 * clock goes back (re-entering a window or date); we test those candidates
 * in order instead of walking the clock.
 */
import { DAY_MS, MINUTE_MS, weekdayOfEpochDay } from './calendar';
import { ANY_DAY, type CompiledRestriction } from './restriction';
import { localDay, toWall, wallInstances } from './wall-clock';
import type { ZoneOffsets } from './zone-offsets';

/** Dates searched after earliest's: a non-empty day mask allows one within 7, and `at` may have passed on the first. */
const SEARCH_DAYS = 8;

/**
 * First slot `t ≥ earliest` allowed by `r` whose local date is no later
 * than `lastDay` (an epoch day; default unbounded), or `null` if none.
 * With a non-empty day mask and no `lastDay` there is always one.
 */
export function firstSlot(earliest: number, r: CompiledRestriction, z: ZoneOffsets, lastDay = Infinity): number | null {
  const day0 = localDay(earliest, z);
  const untimed = r.at < 0 && r.start < 0;
  if (untimed && r.mask === ANY_DAY) return day0 <= lastDay ? earliest : null;
  const search = reusable.reset(r, z, lastDay);
  if (r.at < 0 && search.isSlot(earliest)) return earliest;

  let best = Infinity;
  const key = (r.at >= 0 ? r.at : untimed ? 0 : r.start) * MINUTE_MS;
  const out = search.out;
  const last = Math.min(lastDay, day0 + SEARCH_DAYS);
  // From the day before: only a clock going back across midnight can bring it back, but it is cheap to look.
  for (let d = day0 - 1; d <= last; d++) {
    // Every instant of local date d is after d's midnight minus the largest offset (< 1 day).
    if ((d - 1) * DAY_MS > best) break;
    if (!allowed(r.mask, d)) continue;
    const n = wallInstances(d * DAY_MS + key, z, out);
    if (n === 0) {
      // The key time does not exist on d: d's designated slot / opening is the compatible instant.
      const t = out[2];
      if (t >= earliest && t < best) best = t;
      continue;
    }
    const t1 = out[0];
    const t2 = out[1];
    if (t1 >= earliest && t1 < best && search.isSlot(t1)) best = t1;
    else if (n === 2 && t2 >= earliest && t2 < best && search.isSlot(t2)) best = t2;
  }
  if (r.at < 0) {
    const horizon = Math.min(best, earliest + (SEARCH_DAYS + 2) * DAY_MS);
    for (const t of z.fallBacksBetween(earliest, horizon)) {
      if (t < best && search.isSlot(t)) best = t;
    }
  }
  return best === Infinity ? null : best;
}

/**
 * The restriction being searched. One instance is reused by every search
 * (they are synchronous and never nested): a timer is computed at almost
 * every wake-up of a large dry run, and three allocations each add up.
 */
class SlotSearch {
  readonly out = [0, 0, 0];
  private readonly scratch = [0, 0, 0];
  private r: CompiledRestriction = { mask: 0, at: -1, start: -1, end: -1 };
  private z: ZoneOffsets = null as never;
  private lastDay = Infinity;

  reset(r: CompiledRestriction, z: ZoneOffsets, lastDay: number): this {
    this.r = r;
    this.z = z;
    this.lastDay = lastDay;
    return this;
  }

  /** Whether instant `t` satisfies the restriction on the local clock. */
  isSlot(t: number): boolean {
    const wall = toWall(t, this.z);
    const d = Math.floor(wall / DAY_MS);
    if (d > this.lastDay || !allowed(this.r.mask, d)) return false;
    const time = wall - d * DAY_MS;
    const { at, start, end } = this.r;
    if (at >= 0) return time === at * MINUTE_MS;
    if (start < 0) return true;
    if (time < start * MINUTE_MS || time >= end * MINUTE_MS) return false;
    // A window whose start is in a gap opens at the compatible instant, not at the gap's end.
    const n = wallInstances(d * DAY_MS + start * MINUTE_MS, this.z, this.scratch);
    return n > 0 || t >= this.scratch[2];
  }
}

const reusable = new SlotSearch();

function allowed(mask: number, day: number): boolean {
  return (mask & (1 << weekdayOfEpochDay(day))) !== 0;
}
