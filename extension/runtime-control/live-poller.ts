/**
 * Polls the running runtime's clock and per-step counts every few seconds.
 * One poll at a time, the next one scheduled when the last has answered:
 * GET /sequences scans the store (runtime/server/sequence-report.ts), so on
 * a big store a slow answer stretches the interval instead of piling up
 * requests on the server's only thread.
 */
import type { SequenceReportView } from './runtime-counts';
import type { RuntimeClock } from './status-text';

export interface PollSource {
  clock(): Promise<RuntimeClock>;
  sequences(): Promise<SequenceReportView[]>;
}

export interface PollResult {
  clock?: RuntimeClock;
  sequences?: SequenceReportView[];
  /** The first failure of this poll, if any (the other answer may still be there). */
  error?: Error;
}

export class LivePoller {
  private timer: NodeJS.Timeout | undefined;
  private active = false;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly source: PollSource,
    private readonly onResult: (result: PollResult) => void,
    private readonly intervalMs = 3000,
  ) {}

  start(): void {
    if (this.active) return;
    this.active = true;
    void this.tick();
  }

  stop(): void {
    this.active = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Poll at once (after a publish, say), unless a poll is already on its way. */
  pollNow(): Promise<void> {
    return this.inFlight ?? this.tick();
  }

  private async tick(): Promise<void> {
    clearTimeout(this.timer);
    const started = Date.now();
    this.inFlight = this.poll();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = undefined;
    }
    if (!this.active) return;
    // A slow server sets the pace: wait at least four times what the last poll took.
    const delay = Math.max(this.intervalMs, 4 * (Date.now() - started));
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async poll(): Promise<void> {
    const [clock, sequences] = await Promise.allSettled([this.source.clock(), this.source.sequences()]);
    if (!this.active) return; // stopped meanwhile: a late answer must not redraw a stopped runtime
    const result: PollResult = {};
    if (clock.status === 'fulfilled') result.clock = clock.value;
    if (sequences.status === 'fulfilled') result.sequences = sequences.value;
    const failed = [clock, sequences].find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) result.error = failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
    try {
      this.onResult(result);
    } catch {
      // a consumer's bug must not stop the polling
    }
  }
}
