/**
 * Reading a contact's date or date-time field for a field timer
 * (SEMANTICS §2.3). Accepted values:
 *
 * - `'YYYY-MM-DD'`: a calendar date;
 * - `'YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH[:MM]]'` (a space may replace `T`):
 *   with `Z` or an offset it is an instant, and its date and time of day
 *   are read on the timer zone's clock; without one it is a wall time in
 *   the timer's zone;
 * - a valid `Date` object, for in-memory stores: read exactly as its JSON
 *   text (`toISOString()`, an instant in UTC), so a store round-trip through
 *   JSON changes nothing.
 *
 * A date field keeps the calendar date *as written* even when the text
 * carries a time (an export's `1990-05-17T00:00:00Z` birthday is 17 May in
 * every zone). Anything else (empty, null, a number, `'2026-02-30'`,
 * `'next tuesday'`) is unreadable, which the timer reports as 'field empty'.
 */
import { DAY_MS, MINUTE_MS, dateOfEpochDay, epochDay, isRealDate, type LocalDate } from './calendar';
import { toWall } from './wall-clock';
import type { ZoneOffsets } from './zone-offsets';

export type DateFieldType = 'date' | 'datetime';

export interface FieldMoment extends LocalDate {
  /** Local time of day in ms: 0 for a date field, the value's own local time for a date-time field. */
  timeOfDayMs: number;
}

const VALUE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * The field's local date and time of day in the timer zone, or `null` if
 * the value is empty or unreadable. `type` defaults to `'datetime'` when the
 * text has a time part and `'date'` otherwise.
 */
export function readFieldValue(value: unknown, z: ZoneOffsets, type?: DateFieldType): FieldMoment | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return readFieldValue(value.toISOString(), z, type ?? 'datetime');
  }
  if (typeof value !== 'string') return null;
  const m = VALUE.exec(value.trim());
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isRealDate(year, month, day)) return null;
  const hasTime = m[4] !== undefined;
  const kind = type ?? (hasTime ? 'datetime' : 'date');
  if (!hasTime) return { year, month, day, timeOfDayMs: 0 };

  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const milli = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (kind === 'date') return { year, month, day, timeOfDayMs: 0 };

  const wallOfText = epochDay(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
  if (m[8] === undefined) return split(wallOfText); // wall time in the timer zone
  const offset = parseOffset(m[8]);
  if (offset === null) return null;
  return split(toWall(wallOfText - offset, z));
}

function parseOffset(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes) * MINUTE_MS;
}

function split(wall: number): FieldMoment {
  const day = Math.floor(wall / DAY_MS);
  return { ...dateOfEpochDay(day), timeOfDayMs: wall - day * DAY_MS };
}
