/**
 * Benchmark of the engine's time rules: delay (and date/field timer)
 * computations per second, warm zone caches, a mix of rules and zones.
 *
 *   npx esbuild scripts/bench-time.ts --bundle --platform=node --outfile=/tmp/bt.js && node /tmp/bt.js
 *
 * Prints figures; it asserts nothing (see DESIGN.md: benchmarks are scripts).
 */
import type { DateParams, DelayParams, FieldTimerParams } from '../dsl/ir';
import { dateFireTime, delayFireTime, fieldFireTime } from '../runtime/engine/time';

const ZONES = ['UTC', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/London'];
const DELAYS: DelayParams[] = [
  { duration: { amount: 2, unit: 'h' } },
  { duration: { amount: 1, unit: 'd' } },
  { duration: { amount: 3, unit: 'd' }, on: 'weekdays', at: '08:00' },
  { duration: { amount: 2, unit: 'h' }, between: ['09:00', '17:00'] },
  { duration: { amount: 0, unit: 'm' }, on: 'weekdays', between: ['09:00', '17:00'] },
  { duration: { amount: 1, unit: 'w' }, on: ['tue', 'thu'], at: '10:30' },
];
const DATE: DateParams = { date: '2027-12-24', until: '2027-12-31', on: 'weekdays', at: '09:00' };
const FIELD: FieldTimerParams = { field: 'birthday', occurrence: 'next', offset: { amount: -3, unit: 'd' }, at: '09:00' };

const START = Date.UTC(2026, 0, 1);
const SPAN_MS = 2 * 365 * 86_400_000;

/** Pseudo-random entries (deterministic LCG), so runs are comparable. */
function entries(n: number): Float64Array {
  const out = new Float64Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out[i] = START + Math.floor((x / 2147483648) * SPAN_MS);
  }
  return out;
}

function measure(label: string, n: number, step: (i: number, entry: number) => number): void {
  const es = entries(n);
  let sink = 0;
  for (let i = 0; i < Math.min(n, 50_000); i++) sink += step(i, es[i]); // warm the JIT and the zone caches
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += step(i, es[i]);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label.padEnd(44)} ${Math.round(n / secs).toLocaleString('en-US').padStart(12)} /s   (${n.toLocaleString('en-US')} in ${secs.toFixed(2)} s; checksum ${sink % 1000})`);
}

/** First use of a zone over ten years: every week-long block of offsets is read from Luxon once. */
function coldZone(): void {
  const zone = 'America/Chicago';
  const p = DELAYS[2];
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let week = 0; week < 520; week++) sink += delayFireTime(p, Date.UTC(2020, 0, 1) + week * 7 * 86_400_000, zone);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${'cold cache: 520 weeks of a new zone'.padEnd(44)} ${ms.toFixed(1).padStart(10)} ms   (${(ms / 520).toFixed(3)} ms a week; checksum ${sink % 1000})`);
}

const N = 1_000_000;
coldZone();
console.log(`Time-rule throughput, entries spread over 2026–2027, zones: ${ZONES.join(', ')}`);
measure('delay, mixed rules and zones', N, (i, e) => delayFireTime(DELAYS[i % DELAYS.length], e, ZONES[i % ZONES.length]));
measure("delay '2h' (exact elapsed), UTC", N, (_i, e) => delayFireTime(DELAYS[0], e, 'UTC'));
measure("delay '3d' weekdays at 08:00, New York", N, (_i, e) => delayFireTime(DELAYS[2], e, 'America/New_York'));
measure("delay '0m' business hours, Sydney", N, (_i, e) => delayFireTime(DELAYS[4], e, 'Australia/Sydney'));
measure('date timer, range + weekdays + at, mixed zones', N, (i, e) => {
  const r = dateFireTime(DATE, e, ZONES[i % ZONES.length]);
  return 'fireAt' in r ? r.fireAt : 0;
});
measure("field timer 'next' -3d at 09:00, mixed zones", N, (i, e) => {
  const r = fieldFireTime(FIELD, '1990-01-02', e, ZONES[i % ZONES.length]);
  return 'fireAt' in r ? r.fireAt : 0;
});
