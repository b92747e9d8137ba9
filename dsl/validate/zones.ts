/**
 * Time-zone helpers on the runtime's own IANA data (Intl): is a zone name
 * valid, what is "today" in a zone, and which known zone a typo was meant
 * to be.
 */
import { didYouMean } from './did-you-mean';

/** The zone rules that are not IANA names. */
export const ZONE_KEYWORDS = ['account', 'contact'] as const;

/** A real IANA zone name that Intl (and Luxon, which uses it) understands. Offsets like `+05:00` are not. */
export function isValidZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.trim() === '' || /^[+-]\d/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function suggestZone(zone: string): string | undefined {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return didYouMean(zone, [...ZONE_KEYWORDS, 'UTC', ...known]);
}

/** `YYYY-MM-DD` of `now` in an IANA zone. */
export function todayIn(zone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * `YYYY-MM-DD` of `now` in the earliest zone on Earth (UTC-12): the last
 * place where a date is still today, so a date before it has passed everywhere.
 */
export function todayEverywhere(now: Date): string {
  return new Date(now.getTime() - 12 * 3600_000).toISOString().slice(0, 10);
}
