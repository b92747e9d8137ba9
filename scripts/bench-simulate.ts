/**
 * `npm run bench`: the dry run's cost for 1k, 10k, 100k and 1M contacts on
 * a 10-step sequence (delays with at/between windows in contact zones, an
 * email, tags, a field write) over one simulated year. Each size runs in
 * its own process so peak memory is that size's own. Prints figures; it
 * asserts nothing.
 *
 * End to end = read and parse contacts.json, simulate, write the results
 * (per-step counts, the outbox and the final contact states, each as one
 * JSON array).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequence, start } from '../dsl/index';
import type { Contact } from '../runtime/engine/model';
import { isOutgoing, type Effect } from '../runtime/engine/effects';
import { simulate } from '../runtime/hosts/dry-run/simulate';

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'America/Los_Angeles', 'UTC'];

function benchSequence() {
  return sequence('bench', {
    name: 'Benchmark series',
    paths: [start()
      .delay('1d', { between: ['09:00', '17:00'], tz: 'contact' })
      .email({ subject: 'Hello ~Contact.FirstName|there~', body: 'Welcome aboard, ~Contact.FirstName|friend~.' })
      .applyTag('Welcomed')
      .delay('2d', { on: 'weekdays', at: '10:00', tz: 'contact' })
      .setField('leadSource', 'Benchmark')
      .delay('1w', { on: ['tue', 'thu'], tz: 'contact' })
      .email({ subject: 'Week one', body: 'How is it going, ~Contact.FirstName~?' })
      .removeTag('Welcomed')
      .delay('0m', { on: 'weekdays', between: ['09:00', '17:00'], tz: 'contact' })
      .applyTag('Nurtured')],
  });
}

function makeContacts(n: number): Contact[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${String(i).padStart(7, '0')}`,
    email: `c${i}@example.test`,
    firstName: `Name${i % 997}`,
    timezone: ZONES[i % ZONES.length],
    tags: [],
  }));
}

const BATCH = 4096;

/** One JSON array written batch by batch: the full records, never all in memory as text. */
class JsonArrayFile {
  private readonly fd: number;
  private first = true;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, '[');
  }

  add(items: unknown[]): void {
    if (items.length === 0) return;
    const text = JSON.stringify(items);
    writeSync(this.fd, `${this.first ? '' : ','}${text.slice(1, -1)}`);
    this.first = false;
  }

  close(): void {
    writeSync(this.fd, ']\n');
    closeSync(this.fd);
  }
}

async function runOne(n: number, dir: string): Promise<void> {
  const contactsFile = join(dir, `contacts-${n}.json`);
  writeFileSync(contactsFile, JSON.stringify(makeContacts(n)));
  const t0 = performance.now();
  const contacts = JSON.parse(readFileSync(contactsFile, 'utf8')) as Contact[];
  const t1 = performance.now();
  const begin = Date.parse('2026-01-05T14:00:00Z');
  // Synchronous writes of whole batches: a write stream would queue every
  // chunk in memory until the (synchronous) run ends, and one
  // JSON.stringify over an array of a few thousand records is about twice
  // as fast here as one call per record plus string concatenation.
  const outbox = new JsonArrayFile(join(dir, `outbox-${n}.json`));
  let outgoing = 0;
  let outboxMs = 0;
  let batch: Effect[] = [];
  const writeOutbox = () => {
    // Writing the outbox is part of "write", not of "simulate": time it apart.
    const w = performance.now();
    outbox.add(batch);
    batch = [];
    outboxMs += performance.now() - w;
  };
  const result = simulate(
    { sequences: [benchSequence()], contacts, start: begin, until: begin + 365 * 86_400_000, accountZone: 'America/New_York' },
    {
      onEffect: (e) => {
        if (!isOutgoing(e)) return;
        outgoing += 1;
        if (batch.push(e) === BATCH) writeOutbox();
      },
    },
  );
  const t2 = performance.now() - outboxMs;
  outbox.add(batch);
  outbox.close();
  writeFileSync(join(dir, `counts-${n}.json`), JSON.stringify(result.counts.list()));
  const states = new JsonArrayFile(join(dir, `states-${n}.json`));
  for (let i = 0; i < result.states.length; i += BATCH) states.add(result.states.slice(i, i + BATCH));
  states.close();
  const t3 = performance.now();
  const simMs = t2 - t1;
  console.log(JSON.stringify({
    contacts: n, steps: result.steps, outgoing,
    loadMs: Math.round(t1 - t0), simulateMs: Math.round(simMs), writeMs: Math.round(t3 - t2), totalMs: Math.round(t3 - t0),
    stepsPerSecond: Math.round(result.steps / (simMs / 1000)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (arg === '--one') {
    const dir = process.argv[4];
    await runOne(Number(process.argv[3]), dir);
    return;
  }
  const sizes = arg ? arg.split(',').map(Number) : [1_000, 10_000, 100_000, 1_000_000];
  const dir = mkdtempSync(join(tmpdir(), 'nudge-bench-'));
  console.log(`Dry-run benchmark: 10-step sequence, one simulated year, ${process.arch}, ${require('node:os').cpus().length} cores, node ${process.version}`);
  const rows: Array<{ contacts: number; totalMs: number; simulateMs: number; stepsPerSecond: number; peakRssMb: number; steps: number }> = [];
  for (const n of sizes) {
    const line = execFileSync(process.execPath, ['--max-old-space-size=8192', __filename, '--one', String(n), dir], { encoding: 'utf8' }).trim();
    const row = JSON.parse(line.split('\n').pop()!);
    rows.push(row);
    console.log(`${String(n).padStart(9)} contacts  ${String(row.steps).padStart(10)} steps  load ${row.loadMs} ms  simulate ${row.simulateMs} ms  write ${row.writeMs} ms  total ${row.totalMs} ms  ${(row.stepsPerSecond / 1e6).toFixed(2)} M steps/s  peak RSS ${row.peakRssMb} MB`);
  }
  for (let i = 1; i < rows.length; i++) {
    const ratio = rows[i].simulateMs / rows[i - 1].simulateMs;
    const grow = rows[i].contacts / rows[i - 1].contacts;
    console.log(`  ${rows[i - 1].contacts} → ${rows[i].contacts} contacts (×${grow}): simulate time ×${ratio.toFixed(2)} (linear would be ×${grow}, n log n ×${(grow * Math.log(rows[i].contacts) / Math.log(rows[i - 1].contacts)).toFixed(2)})`);
  }
  rmSync(dir, { recursive: true, force: true });
}

void main();
