/**
 * `--start` and `--until` of `nudge simulate`, read strictly: a calendar
 * date that does not exist (2026-02-30) is refused rather than rolled into
 * March, and a date or local time without an offset is read in the account
 * zone (`--tz`), as the author means it, not in UTC or the machine's zone.
 * A local time that the zone skips (a spring-forward gap) moves forward by
 * the gap, as luxon does.
 */
import { DateTime } from 'luxon';
import { nudgeError } from '../../errors/nudge-error';

/** YYYY-MM-DD, optionally THH:MM[:SS[.fff]], optionally Z or ±HH:MM. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function parseCliInstant(setting: string, text: string, zone: string): number {
  const parsed = ISO_INSTANT.test(text) ? DateTime.fromISO(text, { zone }) : undefined;
  if (!parsed || !parsed.isValid) throw nudgeError('NUDGE_ERR_BAD_INSTANT', { setting, value: JSON.stringify(text) });
  return parsed.toMillis();
}
