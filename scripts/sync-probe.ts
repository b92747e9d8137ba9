/**
 * How long the disk takes to make a small append durable while the
 * benchmark runs: every `everyMs`, append a line to a file and fdatasync it,
 * as the store's journal does for each group of acknowledgements. On a
 * disk shared with other jobs this latency moves the event rate more than
 * anything in the server (20 connections, each waiting for its group's
 * fdatasync), so bench:server prints it next to the rates.
 */
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export function startSyncProbe(dir: string, everyMs = 50): () => { n: number; p50: number; p90: number; max: number } {
  const file = join(dir, 'sync-probe.log');
  const fd = openSync(file, 'a');
  const times: number[] = [];
  const line = Buffer.from(`${'x'.repeat(500)}\n`);
  // Synchronous on purpose: a few hundred microseconds every 50 ms of the load generator's thread.
  const timer = setInterval(() => {
    writeSync(fd, line);
    const t0 = performance.now();
    fdatasyncSync(fd);
    times.push(performance.now() - t0);
  }, everyMs);
  return () => {
    clearInterval(timer);
    closeSync(fd);
    rmSync(file, { force: true });
    const s = times.sort((a, b) => a - b);
    const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
    return { n: s.length, p50: at(0.5), p90: at(0.9), max: s[s.length - 1] ?? NaN };
  };
}
