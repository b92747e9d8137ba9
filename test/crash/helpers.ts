// Shared by the crash tests: a temp workspace with a campaign, a config and a
// seeded store, and `nudge serve` as a real process that can be SIGKILLed.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Contact, User } from '../../runtime/engine/model';
import type { StoreData } from '../../runtime/store/store-data';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { SequencePublisher } from '../../runtime/publish/sequence-publisher';
import { openStoreCopy } from '../../runtime/store/copy-store';
import { MemoryStore } from '../../runtime/store/memory-store';
import { stringifyStore } from '../../runtime/store/store-json';
import { ROOT } from '../cli/run-nudge';

export const TOKEN = 'crash-test-token-0123456789abcdef';
export const SEQUENCE = 'lead-welcome';

export interface Workspace {
  cwd: string;
  storeFile: string;
  outboxDir: string;
}

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Tokyo'];

export function makeContacts(n: number): Contact[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `c${String(i + 1).padStart(5, '0')}`;
    return {
      id,
      firstName: `First${i + 1}`,
      lastName: `Last${i + 1}`,
      email: `${id}@example.test`,
      phone: `+1 212 555 ${String(i % 10_000).padStart(4, '0')}`,
      timezone: ZONES[i % ZONES.length],
      tags: [],
    } as unknown as Contact;
  });
}

/**
 * A temp folder with the lead-welcome sample, nudge.config.json and a store
 * file holding `contacts` and the sample users. With `enrollAt`, every
 * contact is enrolled in lead-welcome at that instant by the same host and
 * publisher the server runs, in memory (through the API each enrollment
 * waits for its own whole-file write: minutes for 2,000), then the store is
 * written as the file `nudge serve` opens.
 */
export async function makeWorkspace(
  prefix: string,
  contacts: Contact[],
  options: { config?: Record<string, unknown>; enrollAt?: number } = {},
): Promise<Workspace> {
  const cwd = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(cwd, 'seq'));
  copyFileSync(resolve(ROOT, 'samples/lead-welcome.seq.ts'), join(cwd, 'seq/lead-welcome.seq.ts'));
  const outboxDir = join(cwd, 'outbox');
  const accountZone = 'America/New_York';
  writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({ accountZone, token: TOKEN, outboxDir, ...options.config }));
  const storeFile = join(cwd, '.nudge/store.json');
  mkdirSync(join(cwd, '.nudge'));
  const store = new MemoryStore();
  const users = JSON.parse(readFileSync(resolve(ROOT, 'samples/users.json'), 'utf8')) as User[];
  await store.putUsers(users);
  await store.commit({ contacts });
  if (options.enrollAt !== undefined) {
    const host = await RuntimeHost.create({ store, clock: new SimulatedClock(options.enrollAt), accountZone });
    const publisher = new SequencePublisher({ dir: join(cwd, 'seq'), host, accountZone });
    const outcome = await publisher.start();
    await publisher.close();
    if (host.sequence(SEQUENCE) === undefined) throw new Error(`${SEQUENCE} was not published: ${JSON.stringify(outcome)}`);
    for (const c of contacts) {
      const r = await host.apply(c.id, { enroll: [SEQUENCE] });
      if (!r.state.enrollments.some((e) => e.sequenceId === SEQUENCE)) throw new Error(`${c.id} was not enrolled`);
    }
    await host.runDue();
  }
  writeFileSync(storeFile, stringifyStore(store.snapshot()));
  return { cwd, storeFile, outboxDir };
}

export interface Server {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
}

export function startServer(ws: Workspace, args: string[], env: Record<string, string> = {}): Server {
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'bin/nudge.js'), 'serve', '--dir', join(ws.cwd, 'seq'), '--store', ws.storeFile, '--port', '0', ...args],
    { cwd: ws.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NUDGE_LOG_LEVEL: 'info', ...env } },
  );
  let out = '';
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const url = new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "serving" line within 30 s:\n${out.slice(-4000)}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = /"msg":"nudge serving at (http:\/\/[^"]+)"/.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.stderr!.on('data', (chunk) => { out += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`exited with ${code}:\n${out.slice(-4000)}`)); });
  });
  url.catch(() => undefined);
  return { child, url, exited, output: () => out };
}

export async function api<T = unknown>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Enrolls every contact, `concurrency` requests at a time. */
export async function enrollAll(url: string, ids: string[], concurrency = 16): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const r = await api<{ changed: boolean }>(url, 'POST', `/sequences/${SEQUENCE}/contacts`, { contactId: id });
      if (!r.changed) throw new Error(`contact ${id} was not enrolled`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** Waits until the delivery worker has sent everything (it polls every second). */
export async function waitOutboxDrained(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await api<unknown[]>(url, 'GET', '/outbox?status=pending');
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending.length} outbox items still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * SIGTERM, then SIGKILL if the server has not exited within `graceMs`: a
 * clean stop waits for the delivery worker's run in progress, which goes on
 * until nothing due is left to send (minutes with a backlog of thousands).
 */
export async function stop(server: Server, graceMs = 5_000): Promise<{ clean: boolean; ms: number }> {
  const t = Date.now();
  server.child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((ok) => setTimeout(() => ok('timeout'), graceMs));
  const code = await Promise.race([server.exited, timer]);
  if (code === 'timeout') {
    server.child.kill('SIGKILL');
    await server.exited;
    return { clean: false, ms: Date.now() - t };
  }
  if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM:\n${server.output().slice(-4000)}`);
  return { clean: true, ms: Date.now() - t };
}

/**
 * The store as a restart would find it: the store file plus its journal
 * (a server stopped by SIGKILL has not folded the journal into the file).
 */
export async function readStore(ws: Workspace): Promise<StoreData> {
  return (await openStoreCopy(ws.storeFile)).snapshot();
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
