/**
 * The dry run's start instant and horizon as typed in the input boxes:
 * parsing and validation with messages that show what to write. Pure.
 */
import { DateTime } from 'luxon';

const HOUR = 3_600_000;
export const MAX_HORIZON_DAYS = 3650;

/** The next whole hour after `now` (a run starting "now" would start mid-minute). */
export const nextWholeHour = (now: number): number => Math.floor(now / HOUR) * HOUR + HOUR;

/** How a start is shown in the box: ISO in UTC without milliseconds. */
export const formatStart = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * An ISO date and time; with a zone (`Z`, `-05:00`) as written, without one
 * in the account zone (what a marketer means by "9 am").
 */
export function parseStart(text: string, accountZone: string): { ms: number } | { error: string } {
  const t = text.trim();
  const example = `Write an ISO date and time, e.g. ${formatStart(nextWholeHour(Date.now()))} (UTC) or 2026-12-01T09:00 (account zone ${accountZone}).`;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(t)) {
    return { error: `"${t}" is not an ISO date and time. ${example}` };
  }
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(t) && t.includes('T');
  const dt = DateTime.fromISO(t, hasZone ? { setZone: true } : { zone: accountZone });
  if (!dt.isValid) return { error: `"${t}" is not a real date and time (${dt.invalidExplanation ?? dt.invalidReason}). ${example}` };
  return { ms: dt.toMillis() };
}

export function parseHorizonDays(text: string): { days: number } | { error: string } {
  const days = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(days) || days <= 0 || days > MAX_HORIZON_DAYS) {
    return { error: `Give a positive number of days up to ${MAX_HORIZON_DAYS} (e.g. 30, or 0.5 for 12 hours); "${text.trim()}" is not.` };
  }
  return { days };
}
