/**
 * Test helpers for the time rules: readable instants and an oracle for
 * local-time conversion built straight on Luxon's zone offsets (not on the
 * engine's cache), so property tests compare two independent routes.
 */
import { DateTime, IANAZone } from 'luxon';
import { formatLocal } from '../../../runtime/engine/time';

export const NY = 'America/New_York';
export const SYD = 'Australia/Sydney';
export const LHI = 'Australia/Lord_Howe';
export const KOL = 'Asia/Kolkata';

export const utc = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad ISO in test: ${iso}`);
  return ms;
};

/** `2026-03-09T12:00:00.000Z`. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** Instant and local reading together, so a failing assertion explains itself. */
export const show = (ms: number, zone: string): string => `${iso(ms)} (${formatLocal(ms, zone)})`;

const H = 3_600_000;

/** Luxon's offset in ms at an instant (uncached, the reference). */
export function luxonOffsetMs(ts: number, zone: string): number {
  return Math.round(IANAZone.create(zone).offset(ts) * 60_000);
}

/** Every instant whose local wall time in `zone` is `wall` (ms since local epoch), ascending. */
export function instantsOfWall(wall: number, zone: string): number[] {
  const offsets = new Set<number>();
  for (let t = wall - 40 * H; t <= wall + 40 * H; t += H) offsets.add(luxonOffsetMs(t, zone));
  return [...offsets].map((o) => wall - o).filter((t) => luxonOffsetMs(t, zone) === wall - t).sort((a, b) => a - b);
}

/**
 * Oracle for SEMANTICS §2's conversion: the earliest instant with that wall
 * time; in a gap, Luxon's own answer (it moves gap times forward, which is
 * the compatible rule; verified in wall-clock.test.ts).
 */
export function oracleFromWall(wall: number, zone: string): number {
  const hits = instantsOfWall(wall, zone);
  if (hits.length > 0) return hits[0];
  const w = new Date(wall);
  return DateTime.fromObject({
    year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(),
    hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds(), millisecond: w.getUTCMilliseconds(),
  }, { zone }).toMillis();
}

/** `oracleFromWall` for a local date and minutes of the day. */
export function oracleInstant(y: number, mo: number, d: number, minutesOfDay: number, zone: string): number {
  return oracleFromWall(Date.UTC(y, mo - 1, d) + minutesOfDay * 60_000, zone);
}

/** Whether a local time does not exist on a date (it lies in a spring-forward gap). */
export function inGap(y: number, mo: number, d: number, minutesOfDay: number, zone: string): boolean {
  return instantsOfWall(Date.UTC(y, mo - 1, d) + minutesOfDay * 60_000, zone).length === 0;
}

/** Local reading by Luxon (the reference). */
export function luxonLocal(ms: number, zone: string): DateTime {
  return DateTime.fromMillis(ms, { zone });
}
