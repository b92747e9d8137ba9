/**
 * Group commit: LowdbStore's journal appends, one write for many commits.
 *
 * Commits only mark the data dirty. A write starts on the next turn of the
 * event loop (so commits made together share it); while it runs, further
 * commits pile up behind it and go out in one more write when it ends. So
 * there is at most one write in progress and one queued, whatever the
 * commit rate, and `flush()` waits only for the write that covers the data
 * as of its call.
 */

interface Waiter {
  generation: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupWriter {
  /** Bumped by every change; a write covers the generation current when it started. */
  private generation = 0;
  private written = 0;
  private writing = false;
  private timer: { cancel(): void } | null = null;
  private waiters: Waiter[] = [];
  /** The last failed write's error, kept until a later write succeeds (for hosts that poll it). */
  lastError: unknown = null;

  /** @param write serialises the data as it is *now* (synchronously) and writes it out. */
  constructor(
    private readonly write: () => Promise<void>,
    private readonly delayMs = 0,
  ) {}

  get dirty(): boolean {
    return this.generation > this.written;
  }

  changed(): void {
    this.generation++;
    this.schedule(this.delayMs);
  }

  /** Resolves when everything changed before this call is written; rejects if that write fails. */
  flush(): Promise<void> {
    const generation = this.generation;
    if (this.written >= generation) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ generation, resolve, reject }));
    // Someone is waiting: do not sit out the grouping delay.
    if (this.timer !== null) this.timer.cancel(), (this.timer = null);
    this.schedule(0);
    return done;
  }

  private schedule(delayMs: number): void {
    if (this.writing || this.timer !== null) return; // the running write's end reschedules
    const start = () => {
      this.timer = null;
      void this.run();
    };
    // setTimeout(0) waits at least a millisecond; setImmediate runs after the
    // I/O callbacks of this loop turn, so the requests that arrived together
    // still share the write, and each durable answer comes ~1 ms sooner.
    if (delayMs <= 0) {
      const immediate = setImmediate(start);
      this.timer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timeout = setTimeout(start, delayMs);
      this.timer = { cancel: () => clearTimeout(timeout) };
    }
  }

  private async run(): Promise<void> {
    if (!this.dirty) return;
    const generation = this.generation;
    this.writing = true;
    let failure: { error: unknown } | null = null;
    try {
      await this.write();
      this.written = generation;
      this.lastError = null;
    } catch (error) {
      failure = { error };
      this.lastError = error;
    } finally {
      this.writing = false;
    }
    const settled = this.waiters.filter((w) => failure !== null || w.generation <= this.written);
    this.waiters = this.waiters.filter((w) => !settled.includes(w));
    for (const w of settled) failure === null ? w.resolve() : w.reject(failure.error);
    // After a failure, wait for the next change or flush instead of
    // hammering a full disk; otherwise write what piled up meanwhile.
    if (failure === null && this.dirty) this.schedule(0);
  }
}
