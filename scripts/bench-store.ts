/**
 * How long one durable commit (a journal append) and one compaction (the
 * whole lowdb file written) take at 10k and 100k contacts, and how big the
 * file is: with contacts only, and with what a running store holds for each
 * contact (the record, one enrollment, a wake-up and two history lines).
 *
 *   npx esbuild scripts/bench-store.ts --bundle --platform=node --outfile=/tmp/bs.js && node /tmp/bs.js [sizes...]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contact, Enrollment } from '../runtime/engine/model';
import type { HistoryEntry } from '../runtime/store/contact-store';
import { LowdbStore } from '../runtime/store/lowdb-store';

const T0 = Date.UTC(2026, 2, 6, 14, 0);
const ZONES = ['America/New_York', 'Europe/Dublin', 'Australia/Sydney', 'Asia/Kolkata', 'Europe/Berlin'];

function contact(i: number): Contact {
  const id = `c${String(i).padStart(6, '0')}`;
  return {
    id,
    firstName: 'Maria',
    lastName: `Garcia ${i}`,
    email: `maria.garcia.${i}@example.com`,
    phone: '+1 917 555 0142',
    timezone: ZONES[i % ZONES.length],
    birthday: `19${50 + (i % 50)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    address: { street: `${i} W 42nd St`, city: 'New York', state: 'NY', postalCode: '10036', country: 'US' },
    ownerId: 'u-ann',
    tags: i % 3 === 0 ? ['Customer', 'Holiday-Promo'] : ['Prospect'],
    loyaltyPoints: i % 500,
  };
}

function enrollment(contactId: string, i: number): Enrollment {
  return {
    sequenceId: 'lead-welcome',
    sequenceVersion: 1,
    contactId,
    entry: 1,
    enteredAt: T0,
    status: 'active',
    paths: [{ pos: 2, stepId: 'wait-3d', status: 'waiting', wakeAt: T0 + (i % 1000) * 60_000, occurrence: 0 }],
  };
}

function history(contact: string, step: string, position: number): HistoryEntry {
  return { time: T0, contact, sequence: 'lead-welcome', path: 0, step, kind: 'email', status: 'done', position };
}

const ms = (t: number) => `${t.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bench(n: number, running: boolean, dir: string): Promise<void> {
  const file = join(dir, `store-${n}-${running}.json`);
  const store = await LowdbStore.open(file);
  for (let i = 0; i < n; i += 1000) {
    const cs = Array.from({ length: Math.min(1000, n - i) }, (_, k) => contact(i + k));
    if (!running) {
      await store.commit({ contacts: cs });
      continue;
    }
    await store.commit({
      contacts: cs,
      enrollments: cs.map((c, k) => ({ contactId: c.id, enrollments: [enrollment(c.id, i + k)] })),
      wakeups: cs.map((c, k) => ({ contactId: c.id, at: T0 + ((i + k) % 1000) * 60_000 })),
      history: cs.flatMap((c) => [history(c.id, 'welcome-email', 0), history(c.id, 'tag-lead', 1)]),
    });
  }
  await store.flush();

  // One step's commit, then the journal append that makes it durable, three times.
  const writes: number[] = [];
  for (let r = 0; r < 3; r++) {
    await store.commit({ contacts: [{ ...contact(r), tags: ['Customer', `bench-${r}`] }], wakeups: [{ contactId: contact(r).id, at: T0 + r }] });
    await store.flush();
    writes.push(store.lastWriteMs);
  }
  const dueStart = performance.now();
  const due = await store.dueWakeups(T0 + 10 * 60_000, 100);
  const dueMs = performance.now() - dueStart;
  await store.close(); // compacts: the whole file is written once, here
  const compaction = store.lastCompaction!;

  const size = (await stat(file)).size;
  const openStart = performance.now();
  const reopened = await LowdbStore.open(file);
  const openMs = performance.now() - openStart;
  await reopened.close();

  console.log(
    `${String(n).padStart(7)} contacts${running ? ' + enrollment, wake-up, 2 history lines each' : ' only'}:\n` +
      `  one durable commit (journal append) ${ms(median(writes))} (runs: ${writes.map(ms).join(', ')}), ` +
      `compaction on close ${ms(compaction.ms)}, ` +
      `file ${(size / 1e6).toFixed(1)} MB, open ${ms(openMs)}, dueWakeups(100) ${dueMs.toFixed(2)} ms (${due.length} due)`,
  );
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const dir = await mkdtemp(join(tmpdir(), 'nudge-bench-'));
  try {
    for (const n of sizes.length > 0 ? sizes : [10_000, 100_000]) {
      await bench(n, false, dir);
      await bench(n, true, dir);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
