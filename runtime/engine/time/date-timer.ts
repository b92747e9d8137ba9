/**
 * Date timer, SEMANTICS §2.2: `waitUntil(date, { until?, on?, at? | between?, tz? })`.
 * fire = first slot t ≥ max(entry, local 00:00 of `date`) whose local date is
 * in [date, until ?? date]; none → skipped, 'date passed'.
 */
import type { DateParams } from '../../../dsl/ir';
import { parseIsoDate } from './calendar';
import type { TimerOutcome } from './outcome';
import { compileRestriction } from './restriction';
import { firstSlot } from './slot-search';
import { dayTimeToInstant } from './wall-clock';
import { ZoneOffsets } from './zone-offsets';

interface DateRange {
  first: number;
  last: number;
}

const ranges = new WeakMap<DateParams, DateRange>();

function dateRange(params: DateParams): DateRange {
  let r = ranges.get(params);
  if (r === undefined) {
    const first = parseIsoDate(params.date);
    if (first === null) throw new RangeError(`Invalid date ${JSON.stringify(params.date)}: expected 'YYYY-MM-DD'.`);
    const last = params.until === undefined ? first : parseIsoDate(params.until);
    if (last === null) throw new RangeError(`Invalid 'until' date ${JSON.stringify(params.until)}: expected 'YYYY-MM-DD'.`);
    r = { first, last };
    ranges.set(params, r);
  }
  return r;
}

/**
 * @example dateFireTime({ date: '2026-12-24', at: '09:00' }, Date.parse('2026-12-01T00:00:00Z'), 'UTC')
 *   // { fireAt: Date.parse('2026-12-24T09:00:00Z') }
 */
export function dateFireTime(params: DateParams, entryMs: number, zone: string): TimerOutcome {
  const z = ZoneOffsets.forName(zone);
  const { first, last } = dateRange(params);
  // An 'until' before 'date' is an empty range: no instant qualifies (the validator flags it).
  if (last < first) return { skipped: 'date passed' };
  const lower = Math.max(entryMs, dayTimeToInstant(first, 0, z));
  const fireAt = firstSlot(lower, compileRestriction(params), z, last);
  return fireAt === null ? { skipped: 'date passed' } : { fireAt };
}
