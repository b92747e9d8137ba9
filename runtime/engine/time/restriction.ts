/**
 * A timer's `on` / `at` / `between` options compiled once into numbers: a
 * weekday bit mask and minutes of the day. Compiled forms are memoised per
 * params object (IR objects are immutable and long-lived), so the hot path
 * does not re-parse `'09:00'` on every step.
 */
import type { DayRule, TimeRestriction } from '../../../dsl/ir';

/** Bit `i` set = weekday `i` allowed, Monday = 0 … Sunday = 6. */
export type DayMask = number;

export const ANY_DAY: DayMask = 0b1111111;
export const WEEKDAYS_ONLY: DayMask = 0b0011111;
const DAY_BITS: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

export interface CompiledRestriction {
  mask: DayMask;
  /** Minutes of the day of `at`, or −1. */
  at: number;
  /** Window `[start, end)` in minutes of the day, or −1 when there is no `between`. */
  start: number;
  end: number;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of `'HH:MM'`; throws on anything else. */
export function clockMinutes(text: string, what = 'time'): number {
  const m = CLOCK.exec(String(text));
  if (m === null) throw new RangeError(`Invalid ${what} ${JSON.stringify(text)}: expected 24-hour 'HH:MM', e.g. '09:00'.`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function dayMask(on: DayRule | undefined): DayMask {
  if (on === undefined || on === 'any') return ANY_DAY;
  if (on === 'weekdays') return WEEKDAYS_ONLY;
  let mask = 0;
  for (const d of on) {
    const bit = DAY_BITS[d];
    if (bit === undefined) throw new RangeError(`Unknown weekday ${JSON.stringify(d)} in 'on': use mon, tue, wed, thu, fri, sat, sun.`);
    mask |= 1 << bit;
  }
  // An empty list would make a delay wait forever; the validator rejects it, so this is a bug upstream.
  if (mask === 0) throw new RangeError(`'on: []' allows no day: list at least one weekday, or use 'any'.`);
  return mask;
}

const cache = new WeakMap<object, CompiledRestriction>();

export function compileRestriction(r: Pick<TimeRestriction, 'on' | 'at' | 'between'>): CompiledRestriction {
  let c = cache.get(r);
  if (c !== undefined) return c;
  if (r.at !== undefined && r.between !== undefined) {
    throw new RangeError(`A timer takes 'at' or 'between', not both (at: '${r.at}', between: [${r.between.join(', ')}]).`);
  }
  const at = r.at !== undefined ? clockMinutes(r.at, "'at' time") : -1;
  let start = -1;
  let end = -1;
  if (r.between !== undefined) {
    start = clockMinutes(r.between[0], "'between' start");
    end = clockMinutes(r.between[1], "'between' end");
    if (start >= end) {
      throw new RangeError(`'between' window [${r.between[0]}, ${r.between[1]}) is empty: the start must be before the end on the same day.`);
    }
  }
  c = { mask: dayMask(r.on), at, start, end };
  cache.set(r, c);
  return c;
}
