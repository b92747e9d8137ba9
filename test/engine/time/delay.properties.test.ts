/** Delay timers against the brute-force oracle (oracle.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DelayParams, DurationUnit } from '../../../dsl/ir';
import { delayTimes } from '../../../runtime/engine/time';
import { luxonOffsetMs, oracleFromWall, show } from './helpers';
import {
  DAY, Q, WEEKDAYS, ZONES, bruteFirst, changesOf, clock, instantNear, localWall, makeOracle, restriction, type Restriction,
} from './oracle';

/**
 * Inputs aimed at DST nights: `at`/`between` times on the quarter hours
 * around the local time where the clock jumps, entries on the same wall time
 * `days` before (so a d/w due lands in the gap or the repeated hour) or on
 * the quarter hours around the change itself.
 */
const dstFocused = fc.constantFrom(...ZONES.filter((z) => changesOf(z).length > 0)).chain((zone) => {
  const near = changesOf(zone);
  return fc.record({
    zone: fc.constant(zone),
    change: fc.integer({ min: 0, max: near.length - 1 }).map((i) => near[i]),
    days: fc.integer({ min: 0, max: 3 }),
    unit: fc.constantFrom<DurationUnit>('m', 'h', 'd', 'w'),
    entryShift: fc.integer({ min: -6, max: 6 }),
    sameWall: fc.boolean(),
    on: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.subarray(WEEKDAYS, { minLength: 1 }), weight: 1 }),
    kind: fc.constantFrom('none', 'at', 'between', 'between'),
    startShift: fc.integer({ min: -5, max: 5 }),
    width: fc.integer({ min: 1, max: 8 }),
  }).map(({ zone, change, days, unit, entryShift, sameWall, on, kind, startShift, width }) => {
    const jumpWall = Math.min(change + luxonOffsetMs(change - 1, zone), change + luxonOffsetMs(change, zone));
    const jumpMinutes = Math.round((jumpWall - Math.floor(jumpWall / DAY) * DAY) / 60_000);
    const clamp = (m: number) => Math.max(0, Math.min(1425, m));
    const start = clamp(jumpMinutes + startShift * 15);
    const r: Restriction = on === undefined ? {} : { on };
    if (kind === 'at') r.at = clock(start);
    if (kind === 'between') r.between = [clock(start), clock(Math.min(1439, start + width * 15))];
    const amount = unit === 'm' ? days * 15 : unit === 'h' ? days : unit === 'w' ? Math.min(days, 1) : days;
    const back = unit === 'd' ? amount : unit === 'w' ? 7 * amount : 0;
    const entry = sameWall
      ? oracleFromWall(jumpWall - back * DAY + entryShift * Q, zone)
      : change + entryShift * Q - (unit === 'h' ? amount * 3_600_000 : unit === 'm' ? amount * 60_000 : 0);
    return { zone, entry, duration: { amount, unit }, r };
  });
});

describe('delay timer properties', () => {
  const duration = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.constant<DurationUnit>('m')),
    fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constant<DurationUnit>('h')),
    fc.tuple(fc.integer({ min: 0, max: 20 }), fc.constant<DurationUnit>('d')),
    fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constant<DurationUnit>('w')),
  ).map(([amount, unit]) => ({ amount, unit }));
  const generic = fc.constantFrom(...ZONES).chain((zone) =>
    fc.record({ zone: fc.constant(zone), entry: instantNear(zone), duration, r: restriction }));

  function check({ zone, entry, duration, r }: { zone: string; entry: number; duration: DelayParams['duration']; r: Restriction }) {
    const params: DelayParams = { duration, ...r };
    const got = delayTimes(params, entry, zone);

    const days = duration.unit === 'w' ? 7 * duration.amount : duration.amount;
    const due = duration.unit === 'm' ? entry + duration.amount * 60_000
      : duration.unit === 'h' ? entry + duration.amount * 3_600_000
      : days === 0 ? entry : Math.max(entry, oracleFromWall(localWall(entry, zone) + days * DAY, zone));
    const timed = r.at !== undefined || r.between !== undefined;
    const dueDate = Math.floor(localWall(due, zone) / DAY) * DAY;
    const earliest = (duration.unit === 'd' || duration.unit === 'w') && timed
      ? Math.max(entry, oracleFromWall(dueDate, zone)) : due;
    const ctx = `${zone} entry ${show(entry, zone)} ${JSON.stringify(params)}`;
    expect(got.due, ctx).toBe(due);
    expect(got.earliest, ctx).toBe(earliest);

    const isSlot = makeOracle(r, zone);
    expect(got.fire, ctx).toBeGreaterThanOrEqual(earliest);
    const expected = bruteFirst(earliest, earliest + 9 * DAY, (t) => isSlot(t));
    expect(expected, ctx).not.toBeNull();
    expect(show(got.fire, zone), ctx).toBe(show(expected!, zone));
  }

  it('due and earliest follow SEMANTICS, and fire is the first slot at or after earliest', () => {
    fc.assert(fc.property(generic, check), { numRuns: 400 });
  });

  it('the same around DST changes, with times and entries aimed at the gap and the repeated hour', () => {
    fc.assert(fc.property(dstFocused, check), { numRuns: 1000 });
  });
});
