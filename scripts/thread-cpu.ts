/**
 * CPU time of a process's threads from /proc (Linux; NaN elsewhere), split
 * the way bench:server reports it: the main thread (requests, engine,
 * store), threads running at a raised nice value (the delivery thread
 * renices itself, which is how it is told apart: Node gives its threads
 * no names) and the rest (libuv's file-system pool, V8's GC helpers).
 * Threads that ended during the window are not counted. Also the whole
 * machine's CPU, so a report can say how much other jobs took meanwhile.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadCpu {
  main: number;
  niced: number;
  others: number;
}

/** utime + stime (ms) and nice of one thread, from its stat line. */
function threadStat(pid: number, tid: string): { ms: number; sysMs: number; nice: number } | null {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    // After "pid (comm) ": state is field 0, utime 11, stime 12, nice 16; clock ticks of 10 ms.
    return { ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100, sysMs: (Number(fields[12]) * 1000) / 100, nice: Number(fields[16]) };
  } catch {
    return null;
  }
}

/** Per-thread CPU (ms) so far, keyed by thread id, with the thread's nice value. */
export function readThreads(pid: number | undefined): Map<string, { ms: number; sysMs: number; nice: number }> {
  const out = new Map<string, { ms: number; sysMs: number; nice: number }>();
  if (pid === undefined) return out;
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    const s = threadStat(pid, tid);
    if (s) out.set(tid, s);
  }
  return out;
}

/** CPU used between two readings, split into main / niced / others. */
export function threadCpuBetween(pid: number | undefined, before: Map<string, { ms: number; sysMs: number; nice: number }>, after: Map<string, { ms: number; sysMs: number; nice: number }>): ThreadCpu {
  const out: ThreadCpu = { main: 0, niced: 0, others: 0 };
  if (after.size === 0) return { main: NaN, niced: NaN, others: NaN };
  for (const [tid, a] of after) {
    const used = a.ms - (before.get(tid)?.ms ?? 0);
    if (tid === String(pid)) out.main += used;
    else if (a.nice > 0) out.niced += used;
    else out.others += used;
  }
  return out;
}

/** The machine's busy and total CPU time so far (ms, all cores), from /proc/stat; NaN elsewhere. */
export function machineCpu(): { busy: number; total: number } {
  try {
    // "cpu  user nice system idle iowait irq softirq steal ...", in clock ticks of 10 ms.
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    const idle = ticks[3] + ticks[4];
    return { busy: (total - idle) * 10, total: total * 10 };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

/**
 * Measures one window: call at its start, and call the returned function
 * at its end to print where the CPU went (the server's threads, this
 * process, the rest of the machine) for `events` acknowledged events.
 */
export function cpuWindow(pid: number | undefined): (events: number, log: (line: string) => void) => void {
  const threads = readThreads(pid);
  const own = process.cpuUsage();
  const machine = machineCpu();
  return (events, log) => {
    const after = readThreads(pid);
    const split = threadCpuBetween(pid, threads, after);
    const ownMs = ((u) => (u.user + u.system) / 1000)(process.cpuUsage(own));
    const m = machineCpu();
    const ms = (x: number) => Math.round(x).toLocaleString('en-US');
    const perEvent = (x: number) => ms((x * 1000) / Math.max(1, events));
    const server = split.main + split.niced + split.others;
    if (process.env.BENCH_THREADS) for (const [tid, a] of after) log(`    thread ${tid} nice ${a.nice}: ${ms(a.ms - (threads.get(tid)?.ms ?? 0))} ms (system ${ms(a.sysMs - (threads.get(tid)?.sysMs ?? 0))} ms)`);
    log(`    main thread ${ms(split.main)} ms (${perEvent(split.main)} us/event), delivery thread ${ms(split.niced)} ms, other threads ${ms(split.others)} ms (fs pool, GC)`);
    log(`  load generator (autocannon, this process): ${ms(ownMs)} ms CPU in the window`);
    const busy = m.busy - machine.busy;
    if (!Number.isNaN(busy)) {
      log(`  machine: ${ms((100 * busy) / (m.total - machine.total))}% of its cores busy; other jobs took ~${ms(Math.max(0, busy - server - ownMs))} ms CPU in the window`);
    }
  };
}
