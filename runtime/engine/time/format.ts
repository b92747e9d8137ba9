/**
 * Instants for people: the dry run's human table and error messages.
 * Not on the hot path, so Luxon's formatter is used directly.
 */
import { DateTime } from 'luxon';
import { ZoneOffsets } from './zone-offsets';

/** `2026-03-09T12:00:00.000Z`: how SEMANTICS §2 prints instants. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Local date and time in `zone` with the zone's abbreviation where one
 * exists in English (`2026-03-09 08:00 EDT`, `2026-01-01 00:00 UTC`), else
 * the numeric offset (`2026-01-01 05:30 +05:30` for Asia/Kolkata, whose
 * English name is only "GMT+5:30"). Seconds are shown only when asked.
 */
export function formatLocal(ms: number, zone: string, opts: { seconds?: boolean } = {}): string {
  ZoneOffsets.forName(zone); // same readable error as the rules for an unknown zone
  // A fixed locale: the system's default locale must not change what the dry run prints.
  const dt = DateTime.fromMillis(ms, { zone, locale: 'en-US' });
  const local = dt.toFormat(opts.seconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm');
  const abbreviation = dt.offsetNameShort ?? '';
  return `${local} ${/^[A-Z]{2,6}$/.test(abbreviation) ? abbreviation : dt.toFormat('ZZ')}`;
}

/** ISO 8601 with the local offset: `2026-03-09T08:00:00.000-04:00`. */
export function formatLocalIso(ms: number, zone: string): string {
  ZoneOffsets.forName(zone);
  return DateTime.fromMillis(ms, { zone }).toISO() ?? formatUtc(ms);
}
