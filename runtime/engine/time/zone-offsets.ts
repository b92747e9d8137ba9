/**
 * UTC offsets of an IANA zone, read from the system's tz data through Luxon
 * and memoised.
 *
 * Why a cache: Luxon's `IANAZone.offset(ts)` formats a date with
 * `Intl.DateTimeFormat` on every call, slow next to the arithmetic around
 * it, and a delay computation needs several offsets, for every contact of a
 * dry run. Offsets change only a couple of times a year, so we ask Luxon once
 * per day boundary of a week-long block, locate any change inside a day by
 * bisection (to the millisecond, since tz data changes on whole seconds) and
 * answer every later question from the block. Nothing here is a hand-written
 * table: every number comes from Luxon/ICU.
 *
 * Assumption: an offset changes at most once between two consecutive UTC
 * midnights (two changes within one UTC day would be missed). No zone of
 * the ICU data has two changes less than 30 hours apart between 1970 and
 * 2040; test/engine/time/zone-offsets.test.ts compares the cache with Luxon
 * in every zone.
 */
import { IANAZone } from 'luxon';
import { DAY_MS, MINUTE_MS } from './calendar';

const BLOCK_DAYS = 7;
const BLOCK_MS = BLOCK_DAYS * DAY_MS;

/** Offsets of one week-long block: the offset at its start, then (instant, new offset) pairs. */
interface Block {
  start: number;
  offset: number;
  changes: number[] | null;
}

export class ZoneOffsets {
  private readonly blocks = new Map<number, Block>();
  /** The block used last: consecutive questions are nearly always about nearby instants. */
  private last: Block | null = null;

  private constructor(
    readonly name: string,
    /** `null` for UTC, whose offset is always 0. */
    private readonly zone: IANAZone | null,
  ) {}

  /** The zone for an IANA name; throws a readable error for a name the system does not know. */
  static forName(name: string): ZoneOffsets {
    let z = registry.get(name);
    if (z === undefined) {
      if (!isValidZone(name)) {
        throw new RangeError(`Unknown time zone ${JSON.stringify(name)}: use an IANA name such as 'America/New_York' or 'UTC'.`);
      }
      z = new ZoneOffsets(name, name === 'UTC' || name === 'Etc/UTC' ? null : IANAZone.create(name));
      registry.set(name, z);
    }
    return z;
  }

  /** Offset of local time from UTC at instant `ts`, in milliseconds (EDT: −14 400 000). */
  offsetMs(ts: number): number {
    if (this.zone === null) return 0;
    let b = this.last;
    if (b === null || ts < b.start || ts >= b.start + BLOCK_MS) {
      b = this.block(Math.floor(ts / BLOCK_MS));
      this.last = b;
    }
    if (b.changes === null) return b.offset;
    let offset = b.offset;
    for (let i = 0; i < b.changes.length && ts >= b.changes[i]; i += 2) offset = b.changes[i + 1];
    return offset;
  }

  /**
   * Instants in `[from, to]` where the clock goes back (fall-back), ascending.
   * A clock going back can bring a local time-of-day window or date back into
   * play, so the slot search treats these instants as candidates.
   */
  fallBacksBetween(from: number, to: number): number[] {
    const found: number[] = [];
    if (this.zone === null) return found;
    for (let i = Math.floor(from / BLOCK_MS); i * BLOCK_MS <= to; i++) {
      const b = this.block(i);
      if (b.changes === null) continue;
      let before = b.offset;
      for (let k = 0; k < b.changes.length; k += 2) {
        const at = b.changes[k];
        const after = b.changes[k + 1];
        if (after < before && at >= from && at <= to) found.push(at);
        before = after;
      }
    }
    return found;
  }

  private block(index: number): Block {
    let b = this.blocks.get(index);
    if (b === undefined) {
      b = this.load(index * BLOCK_MS);
      this.blocks.set(index, b);
    }
    return b;
  }

  private load(start: number): Block {
    const first = this.probe(start);
    let changes: number[] | null = null;
    let prev = first;
    for (let day = 1; day <= BLOCK_DAYS; day++) {
      const t = start + day * DAY_MS;
      const next = this.probe(t);
      if (next !== prev) {
        const at = this.bisect(t - DAY_MS, t, prev);
        if (at < start + BLOCK_MS) (changes ??= []).push(at, next);
        prev = next;
      }
    }
    return { start, offset: first, changes };
  }

  /** First instant in (lo, hi] whose offset differs from `before` (the offset at `lo`). */
  private bisect(lo: number, hi: number, before: number): number {
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.probe(mid) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private probe(ts: number): number {
    // Luxon answers in (possibly fractional, for old local mean times) minutes.
    return Math.round((this.zone as IANAZone).offset(ts) * MINUTE_MS);
  }
}

const registry = new Map<string, ZoneOffsets>();
const validity = new Map<string, boolean>();

/** Whether the system's tz data knows `name` (case-insensitive, like Intl). Memoised. */
export function isValidZone(name: unknown): name is string {
  if (typeof name !== 'string' || name === '') return false;
  let ok = validity.get(name);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(name);
    // Contact records can hold any text; keep the memo from growing without bound.
    if (validity.size >= 10_000) validity.clear();
    validity.set(name, ok);
  }
  return ok;
}

/** Shorthand for `ZoneOffsets.forName`. */
export function zoneOffsets(name: string): ZoneOffsets {
  return ZoneOffsets.forName(name);
}
