/**
 * `npm run bench:server`: the real `nudge serve --clock simulated` on
 * 127.0.0.1 at 50,000 contacts, measured from outside over HTTP.
 *
 *  1. Goal events: autocannon POSTs `/events/bench-signup` with `{contactId}`
 *     bodies spread over 25,000 contacts; a 2xx answer means the event ran
 *     and its commit is on disk (group commit). Prints acknowledged
 *     events/s, non-2xx and latency percentiles.
 *  2. Due steps: 25,000 other contacts were enrolled (in the seeded store) in
 *     a sequence that waits one day and then sends an email; one
 *     `POST /clock/advance` over that day runs them all. Prints due steps
 *     executed per second (history lines written in the window, counted in
 *     the store file and its journal afterwards) and contact-instants per second.
 *
 * Seeding runs the same host and publisher as the server, in memory, then
 * writes the store file (through the API each enrollment would wait for its
 * own whole-file write), as the crash tests do.
 *
 * Besides the rates it prints where the CPU went in the event window (the
 * server's main thread, its delivery thread, its other threads, this
 * process's autocannon, and other jobs on the machine), and how long the
 * outbox took to deliver the events' emails after the window.
 *
 * 3. Web forms (bench-server-forms.ts): form posts against a store of
 *    BENCH_FORM_CONTACTS (200,000), half for known addresses, half new,
 *    with /health probed during the burst. BENCH_FORMS_ONLY=1 runs only this.
 *
 * Options (environment): BENCH_CONTACTS (50000), BENCH_SECONDS (10),
 * BENCH_CONNECTIONS (20), BENCH_SERVER_NODE_ARGS (node flags for the
 * server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it; the
 * delivery thread writes its own profile), BENCH_THREADS=1 (CPU of each
 * server thread), BENCH_OUTBOX_DIR (where the .eml files go, e.g. /dev/shm:
 * by default beside the store, so their file creations share the disk and
 * its journal with the store's fdatasyncs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
// @ts-ignore autocannon ships no type declarations (and @types/autocannon is not installed)
import autocannonUntyped from 'autocannon';
import { openStoreCopy } from '../runtime/store/copy-store';
import { id, seed } from './bench-server-seed';
import { benchForms } from './bench-server-forms';
import { startSyncProbe } from './sync-probe';
import { cpuWindow } from './thread-cpu';

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p90: number; p99: number; p99_9?: number; average: number; max: number };
}
const autocannon = autocannonUntyped as unknown as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const ROOT = resolve(__dirname, '..');
const TOKEN = 'bench-server-token-0123456789abcdef';
const ZONE = 'America/New_York';
const START = Date.UTC(2026, 2, 2, 14, 0); // a Monday, 09:00 in New York
const DAY = 86_400_000;
const N = Number(process.env.BENCH_CONTACTS ?? 50_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// 40: the clients wait for each answer, and an answer waits for its group's fdatasync, so at 20 the
// server sat idle a quarter of the window (latency-bound, not saturated). BENCH_CONNECTIONS=20 for the older figures.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 40);
/** Extra node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (NODE_OPTIONS refuses --cpu-prof). */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const FORM_CONTACTS = Number(process.env.BENCH_FORM_CONTACTS ?? 200_000);
const EVENT_CONTACTS = Math.floor(N / 2); // c000001.. receive events; the rest wait on the due sequence

const t = () => performance.now();
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The server's "store compacted" log lines (background compactions while measuring). */
const compactions: string[] = [];

function startServer(cwd: string, storeFile: string): { child: ChildProcess; url: Promise<string>; exited: Promise<number | null>; output: () => string } {
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_ARGS, resolve(ROOT, 'bin/nudge.js'), 'serve', '--dir', join(cwd, 'seq'), '--store', storeFile, '--clock', 'simulated',
      '--start', new Date(START).toISOString(), '--host', '127.0.0.1', '--port', '0'],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NUDGE_LOG_LEVEL: process.env.NUDGE_LOG_LEVEL ?? 'info' } },
  );
  let out = '';
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  const url = new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "serving" line within 60 s:\n${out.slice(-4000)}`)), 60_000);
    let found = false;
    const onData = (chunk: Buffer) => {
      for (const line of String(chunk).split('\n')) if (line.includes('"msg":"store compacted')) compactions.push(line);
      out = (out + chunk).slice(-20_000); // the request logs keep coming: keep only the tail
      if (found) return;
      const m = /"msg":"nudge serving at (http:\/\/[^"]+)"/.exec(out);
      if (m) { found = true; clearTimeout(timer); ok(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited with ${code}:\n${out.slice(-4000)}`)); });
  });
  url.catch(() => undefined);
  return { child, url, exited, output: () => out };
}

/**
 * CPU time (user + system, ms) the server process has used so far, from
 * /proc (Linux; NaN elsewhere). On a shared machine the rates above depend
 * on what else runs; CPU per event does much less.
 */
function serverCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

async function api<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/**
 * The outbox after the event window: each event's email is committed with
 * it, and delivery catches up in the background. Prints what was still
 * pending when the window closed, then waits (up to 60 s) until none is, so
 * the figures above never hide a delivery backlog.
 */
async function reportBacklog(url: string, emails: number): Promise<void> {
  const pending = async () => (await api<unknown[]>(url, 'GET', '/outbox?status=pending')).length;
  const atEnd = await pending();
  const t0 = t();
  let left = atEnd;
  while (left > 0 && t() - t0 < 60_000) {
    await new Promise((r) => setTimeout(r, 500)); // each look copies every pending item: not too often
    left = await pending();
  }
  const drainMs = t() - t0;
  console.log(`  outbox: ${fmt(emails - atEnd)} of the events' ${fmt(emails)} emails delivered within the window, ${fmt(atEnd)} pending at its end; ` +
    (left === 0 ? `delivered ${fmt(drainMs / 1000, 1)} s later (${fmt(atEnd / Math.max(0.001, drainMs / 1000))} emails/s while idle)` : `${fmt(left)} still pending after 60 s`));
}

async function main(): Promise<void> {
  if (process.env.BENCH_FORMS_ONLY) {
    if (!process.env.BENCH_SERVER_ROOT) spawnSync(process.execPath, [resolve(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-bench-forms-'));
    await benchForms({ cwd, contacts: FORM_CONTACTS, seconds: SECONDS, connections: CONNECTIONS, zone: ZONE, token: TOKEN, start: START });
    rmSync(cwd, { recursive: true, force: true });
    process.exit(0);
  }
  console.log(`bench:server: ${fmt(N)} contacts, events for ${fmt(EVENT_CONTACTS)} of them, ${fmt(N - EVENT_CONTACTS)} waiting on a 1-day delay`);
  let t0 = t();
  const build = spawnSync(process.execPath, [resolve(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  console.log(`build: ${fmt(t() - t0)} ms`);

  const cwd = mkdtempSync(join(tmpdir(), 'nudge-bench-server-'));
  t0 = t();
  const storeFile = await seed(cwd, { n: N, eventContacts: EVENT_CONTACTS, zone: ZONE, token: TOKEN, start: START });
  console.log(`seed: ${fmt(t() - t0)} ms (store file ${fmt(readFileSync(storeFile).length / 1e6, 1)} MB in ${cwd})`);

  // The server logs at info (its default) to a pipe we drain; the serving line gives the port.
  const server = startServer(cwd, storeFile);
  let exitCode: number = 0;
  try {
    t0 = t();
    const url = await server.url;
    console.log(`server: ${url} up in ${fmt(t() - t0)} ms`);

    // 1. Goal events.
    let next = 0;
    const cpuBefore = serverCpuMs(server.child.pid);
    const endWindow = cpuWindow(server.child.pid);
    const endProbe = startSyncProbe(cwd);
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      timeout: 30,
      requests: [{
        method: 'POST',
        path: '/events/bench-signup',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        setupRequest: (req: AutocannonRequest) => {
          const contactId = id((next++ % EVENT_CONTACTS) + 1);
          return { ...req, body: JSON.stringify({ contactId }) };
        },
      }],
    });
    const eventsCpu = serverCpuMs(server.child.pid) - cpuBefore;
    const acked = result['2xx'];
    console.log('');
    console.log(`goal events (POST /events/:name, ${CONNECTIONS} connections, ${result.duration} s):`);
    console.log(`  acknowledged (2xx): ${fmt(acked)}  => ${fmt(acked / result.duration, 0)} events/s durably acknowledged`);
    console.log(`  non-2xx: ${fmt(result.non2xx)}  errors: ${result.errors}  timeouts: ${result.timeouts}`);
    console.log(`  latency ms: p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}  (avg ${fmt(result.latency.average, 1)})`);
    console.log(`  machine load average at the end of the window: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other processes share these ${cpus().length} cores)`);
    console.log(`  distinct contacts hit: ${fmt(Math.min(next, EVENT_CONTACTS))}`);
    if (!Number.isNaN(eventsCpu)) {
      console.log(`  server CPU: ${fmt(eventsCpu)} ms in the window (${fmt(eventsCpu / (result.duration * 10), 0)}% of one core), ${fmt((eventsCpu * 1000) / Math.max(1, acked))} us per acknowledged event`);
    }
    endWindow(acked, (line) => console.log(line));
    const sync = endProbe();
    console.log(`  disk: a 500-byte append + fdatasync took p50 ${fmt(sync.p50, 1)} / p90 ${fmt(sync.p90, 1)} / max ${fmt(sync.max, 1)} ms during the window (${sync.n} probes; each acknowledgement waits for one)`);
    // One email per contact enrolled: past 25,000 events the contacts wrap around and are enrolled already.
    await reportBacklog(url, Math.min(acked, Math.min(next, EVENT_CONTACTS)));

    // 2. Due steps: one clock advance over the delay window.
    const clockBefore = await api<{ now: string }>(url, 'GET', '/clock');
    const from = Date.parse(clockBefore.now);
    t0 = t();
    const advCpuBefore = serverCpuMs(server.child.pid);
    const adv = await api<{ contactInstants: number; truncated: boolean; now: string }>(url, 'POST', '/clock/advance', { ms: DAY + 3_600_000 });
    const advMs = t() - t0;
    const advCpu = serverCpuMs(server.child.pid) - advCpuBefore;
    const to = Date.parse(adv.now);
    console.log('');
    console.log(`due steps (POST /clock/advance by 25 h, ${new Date(from).toISOString()} -> ${adv.now}):`);
    console.log(`  ${fmt(adv.contactInstants)} contact-instants in ${fmt(advMs)} ms => ${fmt(adv.contactInstants / (advMs / 1000))} contact-instants/s` +
      (Number.isNaN(advCpu) ? '' : ` (server CPU ${fmt(advCpu)} ms)`));

    // Stop the server (SIGTERM, SIGKILL after 5 s: a clean stop waits for the delivery backlog),
    // then count the history lines written in the window from the durable store file.
    server.child.kill('SIGTERM');
    const code = await Promise.race([server.exited, new Promise<'timeout'>((ok) => setTimeout(() => ok('timeout'), 5_000))]);
    if (code === 'timeout') { server.child.kill('SIGKILL'); await server.exited; }
    // The store file plus its journal: after a SIGKILL the journal holds what the file does not yet.
    const data = (await openStoreCopy(storeFile)).snapshot();
    const inWindow = data.history.filter((h) => h.time > from && h.time <= to);
    const executed = inWindow.filter((h) => h.status === 'done' || h.status === undefined);
    console.log(`  history lines in the window: ${fmt(inWindow.length)} (${fmt(executed.length)} with status done)`);
    console.log(`  => ${fmt(inWindow.length / (advMs / 1000))} due steps executed/s (history lines / advance time)`);
    console.log(`  store after the run: ${fmt(data.history.length)} history lines, ${fmt(data.outbox.length)} outbox items`);
    for (const line of compactions) {
      const c = JSON.parse(line) as { time: number; ms: number; longestBlockMs: number; captureMs: number; bytes: number; journalBytes: number };
      console.log(`  compaction at ${new Date(c.time).toISOString().slice(11, 19)}: ${fmt(c.bytes / 1e6, 1)} MB snapshot for ${fmt(c.journalBytes / 1e6, 1)} MB of journal in ${fmt(c.ms)} ms; event loop blocked ${fmt(c.captureMs, 1)} ms to capture, then at most ${fmt(c.longestBlockMs, 1)} ms at a time`);
    }
    console.log(`  server stop: ${code === 'timeout' ? 'SIGKILL after 5 s (delivery backlog)' : `exit ${code}`}`);
  } catch (err) {
    console.error(err);
    console.error(server.output().slice(-4000));
    exitCode = 1;
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) { server.child.kill('SIGKILL'); await server.exited; }
  }

  if (exitCode === 0) {
    const formsCwd = mkdtempSync(join(tmpdir(), 'nudge-bench-forms-'));
    try {
      await benchForms({ cwd: formsCwd, contacts: FORM_CONTACTS, seconds: SECONDS, connections: CONNECTIONS, zone: ZONE, token: TOKEN, start: START });
    } catch (err) {
      console.error(err);
      exitCode = 1;
    } finally {
      rmSync(formsCwd, { recursive: true, force: true });
    }
  }

  console.log('');
  const cpu = cpus();
  console.log(`machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('targets: >= 2,000 acknowledged events/s with p99 < 250 ms; >= 5,000 due steps/s');
  if (!process.env.BENCH_KEEP) rmSync(cwd, { recursive: true, force: true });
  process.exit(exitCode);
}

void main().catch((err) => { console.error(err); process.exit(1); });
