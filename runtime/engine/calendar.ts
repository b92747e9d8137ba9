/**
 * Calendar helpers for process objects (task due dates, appointment times),
 * on the timers' own rules: minutes and hours are elapsed time, days and
 * weeks calendar days in the zone, local times by the `compatible` rule.
 */
import { localToInstant, toLocal } from './time';

export { addDuration } from './time';

/** The same local date as `ms` in `zone`, at `HH:MM` local time. */
export function atLocalTime(ms: number, hhmm: string, zone: string): number {
  const [hour, minute] = hhmm.split(':').map(Number);
  const local = toLocal(ms, zone);
  return localToInstant({ year: local.year, month: local.month, day: local.day }, hour * 60 + minute, zone);
}
