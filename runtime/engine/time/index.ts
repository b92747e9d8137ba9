/**
 * The engine's time rules (SEMANTICS §2): pure functions of the IR params,
 * an entry instant (UTC ms) and a zone name. No wall clock, no I/O.
 * See RULES.md for the decisions SEMANTICS leaves open.
 */
export { resolveZone, type ResolvedZone, type ZoneContext } from './resolve-zone';
export { isValidZone } from './zone-offsets';
export { atLocalTime, localToInstant, toLocal, type LocalReading, type WeekdayName } from './wall-clock';
export { addDuration, delayFireTime, delayTimes, type DelayTimes } from './delay-timer';
export { dateFireTime } from './date-timer';
export { fieldFireTime, type FieldTimerOptions } from './field-timer';
export type { DateFieldType } from './field-value';
export type { SkipReason, TimerOutcome } from './outcome';
export { formatLocal, formatLocalIso, formatUtc } from './format';
export type { LocalDate } from './calendar';
