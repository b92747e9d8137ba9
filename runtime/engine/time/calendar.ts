/**
 * Proleptic Gregorian calendar arithmetic on "epoch days" (days since
 * 1970-01-01 of a *local* calendar). Pure integer maths, no zone involved:
 * the time rules do all date stepping here and touch zone data only when a
 * local wall time becomes an instant (see wall-clock.ts), which keeps the hot
 * path free of Luxon object creation.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A calendar date, month and day 1-based. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Epoch day of a calendar date. Howard Hinnant's `days_from_civil`
 * (http://howardhinnant.github.io/date_algorithms.html): exact for every
 * year, unlike `Date.UTC`, which maps years 0–99 to 1900–1999.
 */
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Calendar date of an epoch day (Hinnant's `civil_from_days`). */
export function dateOfEpochDay(days: number): LocalDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Weekday of an epoch day, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/**
 * Adds calendar months, clamping the day to the end of the target month:
 * 31 Jan + 1 month is 28/29 Feb, 31 Mar − 1 month is 28/29 Feb.
 */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of a `'YYYY-MM-DD'` text, or `null` if it is not a real date. */
export function parseIsoDate(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isRealDate(year, month, day) ? epochDay(year, month, day) : null;
}
