// Crash test (simulated clock): the lead-welcome sample for 2,000 contacts,
// played over 14 simulated days by POST /clock/advance. Run A is never
// interrupted; run B is SIGKILLed at random moments (some while an advance
// is in flight) and restarted on the same store each time, then advanced to
// the same target instants. The outbox and every contact's history, records
// and final state must equal run A's: nothing lost, nothing repeated.
//
// Replay a failing run with NUDGE_CRASH_SEED=<seed printed in the log>.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyToName } from '../../runtime/delivery/key-names';
import type { StoreData } from '../../runtime/store/store-data';
import {
  api, makeContacts, makeWorkspace, prng, readStore, startServer, stop,
  type Server, type Workspace,
} from './helpers';

const CONTACTS = 2000;
/** Saturday 10:00 in New York: the sales path waits for Monday 09:00, so round robin runs in contact-id order. */
const START = Date.parse('2026-12-05T15:00:00Z');
const STEP_MS = 6 * 3_600_000;
const TARGETS = Array.from({ length: 56 }, (_, i) => START + (i + 1) * STEP_MS); // 14 days
const KILLS = 3;

const log = (...args: unknown[]) => console.log('[crash]', ...args);

/**
 * Run B compacts its store every ~200 KB of journal (about every 200 steps),
 * so the kills also land while a snapshot is being written and rotated
 * journals are waiting to be removed; run A uses the default threshold.
 */
const COMPACT_OFTEN = { NUDGE_STORE_COMPACT_BYTES: '200000' };

function serve(ws: Workspace, env: Record<string, string> = {}): Server {
  return startServer(ws, ['--clock', 'simulated', '--start', new Date(START).toISOString()], env);
}

/** What an advance of run A did: how many contact-instants ran, in how many ms. */
interface AdvanceTiming { contactInstants: number; ms: number }

async function advanceTo(url: string, at: number): Promise<AdvanceTiming> {
  const t = Date.now();
  const r = await api<{ contactInstants: number }>(url, 'POST', '/clock/advance', { to: new Date(at).toISOString() });
  return { contactInstants: r.contactInstants, ms: Date.now() - t };
}

async function setUp(prefix: string, env: Record<string, string> = {}): Promise<{ ws: Workspace; server: Server; url: string }> {
  const contacts = makeContacts(CONTACTS);
  const t = Date.now();
  const ws = await makeWorkspace(prefix, contacts, { enrollAt: START });
  log(`${prefix}: ${CONTACTS} contacts enrolled in ${Date.now() - t} ms`);
  const server = serve(ws, env);
  const url = await server.url;
  return { ws, server, url };
}

async function logOutbox(run: string, url: string): Promise<void> {
  const all = await api<Array<{ status: string }>>(url, 'GET', '/outbox');
  const by: Record<string, number> = {};
  for (const i of all) by[i.status] = (by[i.status] ?? 0) + 1;
  log(`${run}: outbox after the last advance ${JSON.stringify(by)}`);
}

async function runReference(): Promise<{ ws: Workspace; data: StoreData; timings: AdvanceTiming[] }> {
  const t = Date.now();
  const { ws, server, url } = await setUp('nudge-crash-a-');
  const timings: AdvanceTiming[] = [];
  for (const at of TARGETS) timings.push(await advanceTo(url, at));
  log(`run A: busy advances (index: contact-instants/ms) ${timings.map((x, i) => (x.contactInstants > 0 ? `${i}: ${x.contactInstants}/${x.ms}` : '')).filter(Boolean).join(', ')}`);
  // Every advance answers after its steps are flushed: history and outbox are on disk now.
  await logOutbox('run A', url);
  const stopped = await stop(server);
  log(`run A (uninterrupted) took ${Date.now() - t} ms; SIGTERM ${stopped.clean ? `stopped it in ${stopped.ms} ms` : `did not stop it within ${stopped.ms} ms (SIGKILLed)`}`);
  return { ws, data: await readStore(ws), timings };
}

async function runWithKills(seed: number, timings: AdvanceTiming[]): Promise<{ ws: Workspace; data: StoreData; kills: string[] }> {
  const t = Date.now();
  const random = prng(seed);
  // Kill moments: two during advances that run many contacts (at a random point of
  // the time run A took for that advance, so the kill lands mid-run), one right after
  // a random advance answered (delivery of the backlog is under way then).
  const busy = timings.map((x, i) => i).filter((i) => timings[i].contactInstants >= 100);
  const plan = new Map<number, { inFlight: boolean; delay: number }>();
  while (plan.size < KILLS - 1) {
    const i = busy[Math.floor(random() * busy.length)];
    plan.set(i, { inFlight: true, delay: Math.floor(random() * timings[i].ms) });
  }
  for (;;) {
    const i = Math.floor(random() * TARGETS.length);
    if (!plan.has(i)) { plan.set(i, { inFlight: false, delay: 0 }); break; }
  }

  let { ws, server, url } = await setUp('nudge-crash-b-', COMPACT_OFTEN);
  const kills: string[] = [];
  let compactions = 0;
  for (let i = 0; i < TARGETS.length; i++) {
    const kill = plan.get(i);
    if (!kill) {
      await advanceTo(url, TARGETS[i]);
      continue;
    }
    let answered = false;
    const request = advanceTo(url, TARGETS[i]).then(() => { answered = true; }, (err: unknown) => err);
    if (kill.inFlight) await new Promise((r) => setTimeout(r, kill.delay));
    else await request;
    server.child.kill('SIGKILL');
    await server.exited;
    compactions += (server.output().match(/store compacted/g) ?? []).length;
    await request;
    kills.push(`advance #${i} to ${new Date(TARGETS[i]).toISOString()}: ${kill.inFlight ? `SIGKILL after ${kill.delay} ms, ${answered ? 'after' : 'before'} the answer` : 'SIGKILL after the answer'}`);
    server = serve(ws, COMPACT_OFTEN);
    url = await server.url;
    const clock = await api<{ now: string }>(url, 'GET', '/clock');
    log(`killed at ${kills[kills.length - 1]}; restarted with the clock at ${clock.now}`);
    // Same target instants as run A: redo this advance (a no-op if it was done before the kill).
    await advanceTo(url, TARGETS[i]);
  }
  await logOutbox('run B', url);
  compactions += (server.output().match(/store compacted/g) ?? []).length;
  log(`run B: ${compactions} background compactions logged across its servers`);
  const stopped = await stop(server);
  log(`run B (${kills.length} kills) took ${Date.now() - t} ms; SIGTERM ${stopped.clean ? `stopped it in ${stopped.ms} ms` : `did not stop it within ${stopped.ms} ms (SIGKILLed)`}`);
  expect(compactions).toBeGreaterThan(0); // the kills can land mid-compaction
  return { ws, data: await readStore(ws), kills };
}

function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) (seen.has(k) ? dup : seen).add(k);
  return [...dup];
}

function historyByContact(data: StoreData): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const h of data.history) {
    const line = JSON.stringify({ time: h.time, sequence: h.sequence, path: h.path, step: h.step, kind: h.kind, status: h.status, reason: h.reason, message: h.message });
    const list = by.get(h.contact) ?? [];
    list.push(line);
    by.set(h.contact, list);
  }
  return by;
}

/** Describes how two contacts' histories differ: lines lost and lines repeated. */
function historyDiff(a: string[], b: string[]): { lost: string[]; extra: string[] } {
  const count = new Map<string, number>();
  for (const l of a) count.set(l, (count.get(l) ?? 0) + 1);
  const extra: string[] = [];
  for (const l of b) {
    const n = count.get(l) ?? 0;
    if (n === 0) extra.push(l);
    else count.set(l, n - 1);
  }
  const lost = [...count].flatMap(([l, n]) => Array<string>(n).fill(l));
  return { lost, extra };
}

const strip = <T extends object>(records: T[]) => records.map((r) => JSON.stringify(r)).sort();

describe('crash test: simulated clock, 2,000 contacts, SIGKILL while advancing', () => {
  it('ends with the outbox, histories, records and contacts of an uninterrupted run', async () => {
    const seed = Number(process.env.NUDGE_CRASH_SEED ?? Date.now() % 1_000_000);
    log(`seed ${seed}`);
    const a = await runReference();
    const b = await runWithKills(seed, a.timings);
    log(b.kills.join('\n'));

    // The reference run did the whole campaign.
    expect(a.data.outbox.length).toBeGreaterThanOrEqual(CONTACTS * 5);

    // Outbox: same keys, none twice, all sent.
    const keysA = a.data.outbox.map((i) => i.key);
    const keysB = b.data.outbox.map((i) => i.key);
    expect(duplicates(keysA)).toEqual([]);
    expect(duplicates(keysB)).toEqual([]);
    const setA = new Set(keysA);
    const setB = new Set(keysB);
    const lostKeys = keysA.filter((k) => !setB.has(k));
    const extraKeys = keysB.filter((k) => !setA.has(k));
    expect({ lost: lostKeys.slice(0, 10), lostCount: lostKeys.length, extra: extraKeys.slice(0, 10), extraCount: extraKeys.length })
      .toEqual({ lost: [], lostCount: 0, extra: [], extraCount: 0 });
    // Delivery is not compared item by item: how far the worker got when each run stopped is timing.
    // Nothing failed, though.
    expect(b.data.outbox.filter((i) => i.status === 'failed').map((i) => `${i.key}: ${i.lastError ?? ''}`)).toEqual([]);
    // Same item behind each key (recipients, subject, body), whatever the delivery bookkeeping.
    const effectsA = new Map(a.data.outbox.map((i) => [i.key, JSON.stringify(i.effect)]));
    expect(b.data.outbox.filter((i) => effectsA.get(i.key) !== JSON.stringify(i.effect)).map((i) => i.key).slice(0, 10)).toEqual([]);

    // The .eml files written (a resend after a crash rewrites the same file): at least every item
    // marked sent in the store, and nothing that is not in the outbox.
    for (const run of [a, b]) {
      const eml = new Set(readdirSync(join(run.ws.outboxDir, 'email')).filter((f) => f.endsWith('.eml')));
      const emails = run.data.outbox.filter((i) => i.effect.type === 'email');
      const names = new Map(emails.map((i) => [`${keyToName(i.key)}.eml`, i]));
      expect([...eml].filter((f) => !names.has(f))).toEqual([]);
      expect(emails.filter((i) => i.status === 'sent' && !eml.has(`${keyToName(i.key)}.eml`)).map((i) => i.key)).toEqual([]);
    }

    // Every contact's history: nothing lost, nothing repeated, same instants.
    const hA = historyByContact(a.data);
    const hB = historyByContact(b.data);
    expect(hA.size).toBe(CONTACTS);
    const differing: Array<{ contact: string; lost: string[]; extra: string[] }> = [];
    for (const id of new Set([...hA.keys(), ...hB.keys()])) {
      const la = hA.get(id) ?? [];
      const lb = hB.get(id) ?? [];
      if (JSON.stringify(la) !== JSON.stringify(lb)) differing.push({ contact: id, ...historyDiff(la, lb) });
    }
    expect({ contactsDiffering: differing.length, examples: differing.slice(0, 3) }).toEqual({ contactsDiffering: 0, examples: [] });

    // Records (tasks, notes) and the contacts' final state (tags, owner, fields).
    expect(strip(b.data.tasks)).toEqual(strip(a.data.tasks));
    expect(strip(b.data.notes)).toEqual(strip(a.data.notes));
    expect(strip(b.data.contacts)).toEqual(strip(a.data.contacts));
    expect(strip(b.data.enrollments)).toEqual(strip(a.data.enrollments));
    expect(strip(b.data.wakeups)).toEqual(strip(a.data.wakeups));
    expect(b.data.meta.roundRobin).toEqual(a.data.meta.roundRobin);
  }, 180_000);
});
