/**
 * The web form part of `npm run bench:server`: the real `nudge serve` on a
 * store of BENCH_FORM_CONTACTS (200,000) contacts, autocannon posting
 * `/forms/bench-signup` from BENCH_CONNECTIONS connections, every other
 * post for an address already in the store (any case) and the rest for new
 * ones; a 202 means the contact was found or created, the goal ran and the
 * commit is on disk. Meanwhile a probe asks `/health` every 10 ms on its own
 * connection. Prints acknowledged posts/s, latency percentiles and /health's.
 *
 * The per-IP rate limit is turned off in the bench's config (every post
 * comes from 127.0.0.1); BENCH_OLD_CONFIG=1 leaves that key out, for a
 * server that predates it. BENCH_SERVER_ROOT runs another checkout's
 * `bin/nudge.js` (built), to compare before and after on one machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { request, Agent } from 'node:http';
import { join, resolve } from 'node:path';
// @ts-ignore autocannon ships no type declarations
import autocannonUntyped from 'autocannon';
import type { Contact } from '../runtime/engine/model';
import { MemoryStore } from '../runtime/store/memory-store';
import { stringifyStore } from '../runtime/store/store-json';

const autocannon = autocannonUntyped as unknown as (opts: Record<string, unknown>) => Promise<{
  duration: number; errors: number; timeouts: number; non2xx: number; '2xx': number;
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
}>;

const FORM_SEQ = `import { sequence, start, formSubmitted } from 'nudge';
export default sequence('bench-form', {
  name: 'Bench: form sign-up',
  startOn: formSubmitted('bench-signup'),
  paths: [start('Main').email({ subject: 'Hi ~Contact.FirstName~', body: 'Thanks for signing up. Unsubscribe: ~Unsubscribe~ ~Account.Address~' }).delay('30d').email({ subject: 'A month on', body: 'Still there? Unsubscribe: ~Unsubscribe~ ~Account.Address~' })],
});
`;

/** CPU (user + system, ms) the process has used, from /proc (NaN elsewhere): on a shared machine, steadier than rates. */
function cpuMs(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export interface FormBenchParams {
  cwd: string;
  contacts: number;
  seconds: number;
  connections: number;
  zone: string;
  token: string;
  start: number;
}

async function seedForms(p: FormBenchParams): Promise<string> {
  mkdirSync(join(p.cwd, 'seq'), { recursive: true });
  writeFileSync(join(p.cwd, 'seq/bench-form.seq.ts'), FORM_SEQ);
  const config: Record<string, unknown> = { accountZone: p.zone, token: p.token, outboxDir: join(p.cwd, 'outbox') };
  if (!process.env.BENCH_OLD_CONFIG) config.rateLimit = false;
  writeFileSync(join(p.cwd, 'nudge.config.json'), JSON.stringify(config));
  mkdirSync(join(p.cwd, '.nudge'), { recursive: true });
  const store = new MemoryStore();
  const contacts: Contact[] = Array.from({ length: p.contacts }, (_, k) => ({
    id: `f${String(k + 1).padStart(7, '0')}`, firstName: `First${k + 1}`, lastName: `Last${k + 1}`,
    email: `known${k + 1}@example.test`, phone: `+1 212 555 ${String(k % 10_000).padStart(4, '0')}`, tags: [],
  }));
  await store.commit({ contacts });
  const file = join(p.cwd, '.nudge/store.json');
  writeFileSync(file, stringifyStore(store.snapshot()));
  return file;
}

function serve(root: string, p: FormBenchParams, storeFile: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [resolve(root, 'bin/nudge.js'), 'serve', '--dir', join(p.cwd, 'seq'), '--store', storeFile,
    '--clock', 'simulated', '--start', new Date(p.start).toISOString(), '--host', '127.0.0.1', '--port', '0'],
  { cwd: p.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NUDGE_LOG_LEVEL: process.env.NUDGE_LOG_LEVEL ?? 'info' } });
  let out = '';
  const url = new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "serving" line within 120 s:\n${out.slice(-4000)}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out = (out + chunk).slice(-20_000);
      const m = /nudge serving at (http:\/\/[^"\s]+)/.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited with ${code}:\n${out.slice(-4000)}`)); });
  });
  url.catch(() => undefined);
  return { child, url };
}

/** Asks /health every 10 ms on one kept-alive connection until stopped; returns the latencies (ms). */
function probeHealth(url: string): () => number[] {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(url);
  const times: number[] = [];
  let stopped = false;
  const once = () => {
    if (stopped) return;
    const t0 = performance.now();
    const req = request({ hostname, port, path: '/health', agent }, (res) => {
      res.resume();
      res.on('end', () => { times.push(performance.now() - t0); setTimeout(once, 10); });
    });
    req.on('error', () => setTimeout(once, 10));
    req.end();
  };
  once();
  return () => { stopped = true; agent.destroy(); return times; };
}

export async function benchForms(p: FormBenchParams): Promise<void> {
  const root = resolve(process.env.BENCH_SERVER_ROOT ?? resolve(__dirname, '..'));
  let t0 = performance.now();
  const storeFile = await seedForms(p);
  console.log('');
  console.log(`web forms: seeded ${fmt(p.contacts)} contacts in ${fmt(performance.now() - t0)} ms; server from ${root}`);
  const server = serve(root, p, storeFile);
  try {
    t0 = performance.now();
    const url = await server.url;
    console.log(`  server up in ${fmt(performance.now() - t0)} ms`);
    let next = 0;
    const cpuBefore = cpuMs(server.child.pid);
    const stopProbe = probeHealth(url);
    const result = await autocannon({
      url, connections: p.connections, duration: p.seconds, timeout: 30,
      requests: [{
        method: 'POST', path: '/forms/bench-signup', headers: { 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => {
          const i = next++;
          // Even: an address in the store, in another case; odd: a new one.
          const email = i % 2 === 0 ? `Known${(Math.floor(i / 2) % p.contacts) + 1}@Example.test` : `new${i}@example.test`;
          return { ...req, body: JSON.stringify({ email, firstName: `Form${i}` }) };
        },
      }],
    });
    const health = stopProbe().sort((a, b) => a - b);
    const cpu = cpuMs(server.child.pid) - cpuBefore;
    const acked = result['2xx'];
    console.log(`  form posts (POST /forms/:formId, ${p.connections} connections, ${result.duration} s, half existing emails, half new):`);
    console.log(`  acknowledged (202): ${fmt(acked)}  => ${fmt(acked / result.duration)} posts/s durably acknowledged`);
    console.log(`  non-2xx: ${fmt(result.non2xx)}  errors: ${result.errors}  timeouts: ${result.timeouts}`);
    console.log(`  latency ms: p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}`);
    console.log(`  /health during the burst: ${fmt(health.length)} answers, p50 ${fmt(pct(health, 50), 1)}  p99 ${fmt(pct(health, 99), 1)}  max ${fmt(health[health.length - 1] ?? NaN, 1)} ms`);
    if (!Number.isNaN(cpu)) console.log(`  server CPU: ${fmt(cpu)} ms in the window, ${fmt((cpu * 1000) / Math.max(1, acked))} us per acknowledged post; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    console.log('  targets: >= 2,000 posts/s with p99 < 100 ms; /health p99 < 20 ms');
  } finally {
    server.child.kill('SIGKILL');
  }
}
