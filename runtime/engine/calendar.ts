/**
 * Small calendar helpers for process objects (task due dates, appointment
 * times): the same duration rules as the delay timer (minutes and hours are
 * elapsed time; days and weeks are calendar days in the zone).
 */
import { DateTime } from 'luxon';
import type { Duration } from '../../dsl/ir';

export function addDuration(ms: number, d: Duration, zone: string): number {
  if (d.unit === 'm') return ms + d.amount * 60_000;
  if (d.unit === 'h') return ms + d.amount * 3_600_000;
  const days = d.unit === 'w' ? d.amount * 7 : d.amount;
  return DateTime.fromMillis(ms, { zone }).plus({ days }).toMillis();
}

/** The same local date as `ms` in `zone`, at `HH:MM` local time. */
export function atLocalTime(ms: number, hhmm: string, zone: string): number {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.fromMillis(ms, { zone }).set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
}
