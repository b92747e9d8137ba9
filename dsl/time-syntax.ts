/**
 * The textual forms authors write for durations, offsets, times of day and
 * dates: their template-literal types (so the editor rejects `'2 days'`) and
 * their parsers (so a value smuggled past the types still fails loudly).
 */
import type { Duration, Offset, Weekday } from './ir';
import { DslError } from './errors';

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type Minute = `${'0' | '1' | '2' | '3' | '4' | '5'}${Digit}`;
type TimeBeforeTen = `0${Digit}:${Minute}`;
type TimeTenToNineteen = `1${Digit}:${Minute}`;
type TimeFromTwenty = `2${'0' | '1' | '2' | '3'}:${Minute}`;

/**
 * A local time of day, 24-hour `'HH:MM'`: `'09:00'`, `'17:30'`. Written as a
 * union of named parts so TypeScript names it `ClockTime` in an error
 * instead of listing 1,440 times.
 */
export type ClockTime = TimeBeforeTen | TimeTenToNineteen | TimeFromTwenty;

/** `'<n>m' | '<n>h' | '<n>d' | '<n>w'`: minutes, hours, calendar days, calendar weeks. */
export type DurationText = `${number}${'m' | 'h' | 'd' | 'w'}`;

/** Field-timer offset: `'-1h'`, `'-3d'`, `'2w'`, `'1mo'` (negative = before the date). */
export type OffsetText = `${'' | '-' | '+'}${number}${'h' | 'd' | 'w' | 'mo'}`;

/** A calendar date `'YYYY-MM-DD'`. */
export type DateText = `${number}-${number}-${number}`;

export type { Weekday };

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const DURATION_RE = /^(\d+)(m|h|d|w)$/;
const OFFSET_RE = /^([+-]?)(\d+)(h|d|w|mo)$/;
const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDuration(text: string, what = 'duration'): Duration {
  const m = DURATION_RE.exec(String(text));
  if (!m) {
    throw new DslError(`Invalid ${what} ${JSON.stringify(text)}: write a whole number followed by m, h, d or w, e.g. '90m', '2d', '1w'.`);
  }
  return { amount: Number(m[1]), unit: m[2] as Duration['unit'] };
}

export function parseOffset(text: string): Offset {
  const m = OFFSET_RE.exec(String(text));
  if (!m) {
    throw new DslError(`Invalid offset ${JSON.stringify(text)}: write an optional '-' (before the date), a whole number and h, d, w or mo, e.g. '-1h', '-3d', '2w', '1mo'.`);
  }
  const amount = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  return { amount, unit: m[3] as Offset['unit'] };
}

export function assertClockTime(text: string, what: string): void {
  if (!CLOCK_RE.test(String(text))) {
    throw new DslError(`Invalid ${what} ${JSON.stringify(text)}: write a 24-hour local time 'HH:MM', e.g. '09:00' or '17:30'.`);
  }
}

export function assertDate(text: string, what: string): void {
  const m = DATE_RE.exec(String(text));
  const valid = m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!valid) {
    throw new DslError(`Invalid ${what} ${JSON.stringify(text)}: write a calendar date 'YYYY-MM-DD', e.g. '2026-12-24'.`);
  }
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Minutes since local midnight of an `'HH:MM'` text. */
export function clockMinutes(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return h * 60 + m;
}

/** `'2d'` style text of a parsed duration, for labels and ids. */
export function durationText(d: Duration): string {
  return `${d.amount}${d.unit}`;
}
