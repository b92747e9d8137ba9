/**
 * Where `nudge serve` writes its log lines: stdout, one write per turn of
 * the event loop instead of one per line. At info level every request logs
 * two lines, and stdout on a pipe is a synchronous write: under load that
 * was ~5% of the server's time in syscalls alone (profiled with
 * bench:server). Lines are kept in order and nothing is held back longer
 * than the current turn; what is pending when the process exits is written
 * then. Only a SIGKILL can lose the lines of the turn it interrupts.
 */
export function batchedStdout(out: NodeJS.WritableStream = process.stdout): { write(line: string): void } {
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    out.write(text);
  };
  process.on('exit', flush);
  return {
    write(line: string): void {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}
