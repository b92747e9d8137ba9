/**
 * Field timer, SEMANTICS §2.3: `fieldTimer(field, { offset?, occurrence?, at?, tz?, repeat? })`.
 *
 * An occurrence for year Y is built on the local calendar, then converted
 * once (compatible rule):
 *   field's month/day in Y (29 Feb → 28 Feb when Y is not a leap year)
 *   → shifted by the offset (days/weeks; months clamped to the month's end)
 *   → at the time of day (`at`, else 00:00 for a date field, else the value's own local time)
 *   → converted to an instant, then moved by an hour offset as exact elapsed time (as a delay's hours).
 * Occurrences grow strictly with Y, so the first one that qualifies is the answer.
 */
import type { FieldTimerParams, Offset } from '../../../dsl/ir';
import {
  DAY_MS, HOUR_MS, MINUTE_MS, addMonthsClamped, dateOfEpochDay, epochDay, isLeapYear, type LocalDate,
} from './calendar';
import { readFieldValue, type DateFieldType, type FieldMoment } from './field-value';
import type { TimerOutcome } from './outcome';
import { clockMinutes } from './restriction';
import { localDay, wallToInstant } from './wall-clock';
import { ZoneOffsets } from './zone-offsets';

export interface FieldTimerOptions {
  /** The field's declared type; without it, a value with a time part is a date-time. */
  fieldType?: DateFieldType;
  /**
   * For `repeat: 'yearly'`: the instant the timer last fired. The result is
   * then the next occurrence strictly after it (and never before the entry).
   */
  after?: number;
}

/**
 * @example fieldFireTime({ field: 'birthday', occurrence: 'next', offset: { amount: -3, unit: 'd' } },
 *   '1990-01-02', Date.parse('2026-12-31T12:00:00Z'), 'UTC')
 *   // { fireAt: Date.parse('2027-12-30T00:00:00Z') }
 */
export function fieldFireTime(
  params: FieldTimerParams,
  fieldValue: unknown,
  entryMs: number,
  zone: string,
  opts: FieldTimerOptions = {},
): TimerOutcome {
  const z = ZoneOffsets.forName(zone);
  const moment = readFieldValue(fieldValue, z, opts.fieldType);
  if (moment === null) return { skipped: 'field empty' };
  const timeOfDayMs = params.at !== undefined ? clockMinutes(params.at, "'at' time") * MINUTE_MS : moment.timeOfDayMs;
  const occurrence = (year: number): number => wallToInstant(occurrenceWall(moment, year, params.offset, timeOfDayMs), z) + elapsedMs(params.offset);

  const after = opts.after;
  if (params.occurrence === 'exact' && after === undefined) {
    const t = occurrence(moment.year);
    return t >= entryMs ? { fireAt: t } : { skipped: 'date passed' };
  }
  if (params.occurrence !== 'exact' && params.occurrence !== 'next') {
    throw new RangeError(`Unknown field-timer occurrence ${JSON.stringify(params.occurrence)}: use 'next' or 'exact'.`);
  }

  // 'next', or a yearly repeat (of either kind): scan years upward from one
  // whose shifted occurrence is surely too early.
  const bound = after === undefined ? entryMs : Math.max(entryMs, after);
  const span = offsetSpanYears(params.offset);
  let year = dateOfEpochDay(localDay(bound, z)).year - span - 1;
  // 'exact' repeats start from the field's own year.
  if (params.occurrence === 'exact') year = Math.max(year, moment.year);
  for (const stop = year + 2 * span + 4; year <= stop; year++) {
    const t = occurrence(year);
    if (t >= entryMs && (after === undefined || t > after)) return { fireAt: t };
  }
  throw new Error(`unreachable: no occurrence of ${params.field} within ${2 * span + 4} years`);
}

/** Local wall time (ms since local 1970-01-01) of the occurrence in `year`. */
function occurrenceWall(moment: FieldMoment, year: number, offset: Offset | undefined, timeOfDayMs: number): number {
  const day = moment.month === 2 && moment.day === 29 && !isLeapYear(year) ? 28 : moment.day;
  return shiftedDay({ year, month: moment.month, day }, offset) * DAY_MS + timeOfDayMs;
}

/** An hour offset moves the instant, not the wall clock: `-1h` is an hour before, even across a DST change. */
function elapsedMs(offset: Offset | undefined): number {
  return offset?.unit === 'h' ? offset.amount * HOUR_MS : 0;
}

/** Epoch day of `date` moved by a calendar offset (an hour offset leaves the day: `elapsedMs` moves it). */
function shiftedDay(date: LocalDate, offset: Offset | undefined): number {
  if (offset === undefined || offset.amount === 0) return epochDay(date.year, date.month, date.day);
  switch (offset.unit) {
    case 'h': return epochDay(date.year, date.month, date.day);
    case 'd': return epochDay(date.year, date.month, date.day) + offset.amount;
    case 'w': return epochDay(date.year, date.month, date.day) + 7 * offset.amount;
    case 'mo': {
      const d = addMonthsClamped(date, offset.amount);
      return epochDay(d.year, d.month, d.day);
    }
    default: throw new RangeError(`Unknown offset unit ${JSON.stringify((offset as Offset).unit)}: use h, d, w or mo.`);
  }
}

/** Whole years an offset can move a date by, rounded up: bounds the year scan. */
function offsetSpanYears(offset: Offset | undefined): number {
  if (offset === undefined) return 0;
  const n = Math.abs(offset.amount);
  const days = offset.unit === 'mo' ? 31 * n : offset.unit === 'w' ? 7 * n : offset.unit === 'h' ? Math.ceil(n / 24) : n;
  return Math.ceil(days / 365);
}
