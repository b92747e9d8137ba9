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
import type { DelayParams, Duration } from '../../../dsl/ir';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './calendar';
import { compileRestriction, type CompiledRestriction } from './restriction';
import { firstSlot } from './slot-search';
import { dayTimeToInstant, localDay, toWall, wallToInstant } from './wall-clock';
import { ZoneOffsets } from './zone-offsets';

export interface DelayTimes {
  due: number;
  earliest: number;
  fire: number;
}

/**
 * `due` of SEMANTICS §2.1, usable wherever a duration is counted the same
 * way (task due dates, appointment starts): minutes and hours are exact
 * elapsed time; days and weeks keep the local wall time on the date n (7n)
 * days later, with the compatible rule if that time does not exist. Never
 * before `fromMs`: a '0d' counted from the second pass of a fall-back hour
 * must not map back to the first pass.
 *
 * @example addDuration(Date.parse('2026-03-07T17:00:00Z'), { amount: 1, unit: 'd' }, 'America/New_York')
 *   // 2026-03-08T16:00:00Z: Sunday 12:00 EDT, 23 hours later
 */
export function addDuration(fromMs: number, duration: Duration, zone: string): number {
  return dueOf(fromMs, duration, ZoneOffsets.forName(zone));
}

function dueOf(fromMs: number, { amount, unit }: Duration, z: ZoneOffsets): number {
  if (!Number.isInteger(amount) || amount < 0) {
    throw new RangeError(`A duration must be a whole number ≥ 0, got ${amount}${unit}.`);
  }
  switch (unit) {
    case 'm': return fromMs + amount * MINUTE_MS;
    case 'h': return fromMs + amount * HOUR_MS;
    case 'd':
    case 'w': {
      const days = unit === 'w' ? 7 * amount : amount;
      return days === 0 ? fromMs : Math.max(fromMs, wallToInstant(toWall(fromMs, z) + days * DAY_MS, z));
    }
    default: throw new RangeError(`Unknown duration unit ${JSON.stringify(unit)}: use m, h, d or w.`);
  }
}

function earliestOf(params: DelayParams, r: CompiledRestriction, entryMs: number, due: number, z: ZoneOffsets): number {
  const calendarDays = params.duration.unit === 'd' || params.duration.unit === 'w';
  const timed = r.at >= 0 || r.start >= 0;
  // max(): for '0d' the midnight starting due's date is before the entry; never wait into the past.
  return calendarDays && timed ? Math.max(entryMs, dayTimeToInstant(localDay(due, z), 0, z)) : due;
}

/** All three instants of a delay (the dry run can show due/earliest to explain a fire time). */
export function delayTimes(params: DelayParams, entryMs: number, zone: string): DelayTimes {
  const z = ZoneOffsets.forName(zone);
  const r = compileRestriction(params);
  const due = dueOf(entryMs, params.duration, z);
  const earliest = earliestOf(params, r, entryMs, due, z);
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
  // Same as delayTimes(...).fire without the object: this runs at nearly every wake-up of a dry run.
  const z = ZoneOffsets.forName(zone);
  const r = compileRestriction(params);
  const fire = firstSlot(earliestOf(params, r, entryMs, dueOf(entryMs, params.duration, z), z), r, z);
  if (fire === null) throw new Error('unreachable: a non-empty day mask always has a slot within 8 days');
  return fire;
}
