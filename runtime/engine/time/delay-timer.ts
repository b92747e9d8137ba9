/**
 * Delay timer, SEMANTICS §2.1: `delay(duration, { on?, at? | between?, tz? })`.
 *
 *   due      m/h: exact elapsed time; d/w: same local wall time n (7n)
 *            calendar days later (compatible rule if that time is in a gap)
 *   earliest d/w with at/between: local midnight starting due's date
 *            ("1 day then 08:00" means tomorrow 08:00, not 24 h later);
 *            otherwise due
 *   fire     first allowed slot ≥ earliest (slot-search.ts)
 */
import type { DelayParams } from '../../../dsl/ir';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './calendar';
import { compileRestriction } from './restriction';
import { firstSlot } from './slot-search';
import { dayTimeToInstant, localDay, toWall, wallToInstant } from './wall-clock';
import { ZoneOffsets } from './zone-offsets';

export interface DelayTimes {
  due: number;
  earliest: number;
  fire: number;
}

/** All three instants of a delay (the dry run can show due/earliest to explain a fire time). */
export function delayTimes(params: DelayParams, entryMs: number, zone: string): DelayTimes {
  const z = ZoneOffsets.forName(zone);
  const r = compileRestriction(params);
  const { amount, unit } = params.duration;
  if (!Number.isInteger(amount) || amount < 0) {
    throw new RangeError(`Delay amount must be a whole number ≥ 0, got ${amount}${unit}.`);
  }
  let due: number;
  let earliest: number;
  if (unit === 'm' || unit === 'h') {
    due = entryMs + amount * (unit === 'm' ? MINUTE_MS : HOUR_MS);
    earliest = due;
  } else if (unit === 'd' || unit === 'w') {
    const days = unit === 'w' ? 7 * amount : amount;
    // max(): '0d' entered in the second pass of a fall-back hour must not map back to the first pass.
    due = days === 0 ? entryMs : Math.max(entryMs, wallToInstant(toWall(entryMs, z) + days * DAY_MS, z));
    const timed = r.at >= 0 || r.start >= 0;
    // max(): for '0d' the midnight starting due's date is before the entry; never wait into the past.
    earliest = timed ? Math.max(entryMs, dayTimeToInstant(localDay(due, z), 0, z)) : due;
  } else {
    throw new RangeError(`Unknown delay unit ${JSON.stringify(unit)}: use m, h, d or w.`);
  }
  const fire = firstSlot(earliest, r, z);
  if (fire === null) throw new Error('unreachable: a non-empty day mask always has a slot within 8 days');
  return { due, earliest, fire };
}

/**
 * When a delay entered at `entryMs` fires (UTC ms), rules evaluated in `zone`.
 *
 * @example delayFireTime({ duration: { amount: 3, unit: 'd' }, on: 'weekdays', at: '08:00' },
 *   Date.parse('2026-03-06T14:00:00Z'), 'America/New_York') // 2026-03-09T12:00:00Z, Mon 08:00 EDT
 */
export function delayFireTime(params: DelayParams, entryMs: number, zone: string): number {
  return delayTimes(params, entryMs, zone).fire;
}
