/**
 * Delivers the outbox: the second half of the outbox pattern. The host has
 * committed each step's state together with its outgoing items as
 * `pending`; this worker sends the durable ones, then records each outcome
 * (`sent`, back to `pending` with a backoff, or `failed`) in the store.
 *
 * Delivery is at least once across crashes and at most once per process: a
 * crash after sending but before the "sent" mark is on disk sends the item
 * again after restart, carrying the same idempotency key (Message-ID,
 * `Idempotency-Key` header, file name) so the receiver can recognise it.
 *
 * @example
 *   const worker = new DeliveryWorker({ store, clock, transports: createTransports({ outboxDir: 'outbox', defaultFrom: 'me@example.com' }) });
 *   worker.start(1000);   // or: await worker.runOnce() from a scheduler tick
 *   await worker.stop();
 */
import type { OutgoingEffect } from '../engine/effects';
import type { ContactStore, OutboxItem } from '../store/contact-store';
import { exponentialBackoff, type Backoff } from './backoff';
import { describeError, DeliveryError, isPermanent } from './delivery-error';
import { bareAddress, type RecipientRefusal, type SendReceipt } from './recipient-refusals';
import type { Transport, Transports } from './transport';

/**
 * What SMTP's answers say about an address, for the host to record (email
 * status, suppression). A hard bounce is reported at the first 5xx; a soft
 * bounce once per message, when its retries for that address run out: a
 * deferral that a later attempt gets through (greylisting) is no bounce.
 */
export interface DeliveryEmailEvent {
  email: string;
  kind: 'hard-bounce' | 'soft-bounce';
  /** The server's reply line. */
  detail: string;
  at: number;
  /** The outbox item (key, and the contact and step it was sent for; a staff notification's contact is not its recipient). */
  key: string;
  contactId: string;
  sequenceId: string;
  stepId: string;
}

export interface DeliveryWorkerOptions {
  store: ContactStore;
  clock: { now(): number };
  transports: Transports;
  /** Attempts before an item is marked failed (default 8: about an hour of retries with the default backoff). */
  maxAttempts?: number;
  /** Wait after the n-th failed attempt (default 30 s · 2^(n−1), at most 1 h). */
  backoff?: Backoff;
  /** Items read per batch (default 100). */
  batchSize?: number;
  /** Items sent at the same time (default 4). */
  concurrency?: number;
  /** Errors of the loop itself (the store failing), when started with `start()`; default console.error. */
  onError?: (error: unknown) => void;
  /** Told of every attempt's outcome (the server logs failures, and /health reports an outbox it cannot write). */
  onAttempt?: (item: OutboxItem, outcome: AttemptOutcome) => void;
  /**
   * Told of hard and soft bounces before the item's outcome is recorded (so a
   * crash in between bounces again on the resend rather than losing it).
   * `nudge serve` passes the host's recordEmailEvent here. A throw is given to onError.
   */
  onEmailEvent?: (event: DeliveryEmailEvent) => Promise<unknown> | unknown;
  /**
   * Told each attempt's outcome once it is recorded (per-step email figures
   * count them). Not awaited: delivery never waits on its observers.
   */
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

/** One attempt's outcome: `sent` (accepted), `retry` (temporary failure, will be tried again) or `failed` (for good). */
export interface DeliveryOutcome {
  item: OutboxItem;
  result: 'sent' | 'retry' | 'failed';
  /** Whether the failure was permanent (an SMTP 5xx, an HTTP 4xx) rather than attempts running out. */
  permanent?: boolean;
}

/** One delivery attempt: sent, to be retried after `retryInMs`, or failed for good; `reason` as recorded in `lastError`. */
export type AttemptOutcome = { sent: true } | { sent: false; reason: string; retryInMs?: number };

export interface DeliveryCounts {
  sent: number;
  failed: number;
  retried: number;
}

export class DeliveryWorker {
  private readonly maxAttempts: number;
  private readonly backoff: Backoff;
  /** Keys delivered by this process: never sent twice, whatever the store says. */
  private readonly delivered = new Set<string>();
  private running: Promise<DeliveryCounts> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(private readonly opts: DeliveryWorkerOptions) {
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 8);
    this.backoff = opts.backoff ?? exponentialBackoff();
  }

  /**
   * Sends every item due now, batch after batch, and resolves with what
   * happened. Calls never overlap: a call made during a run waits for it and
   * then runs again (it may have been made for an item the run missed).
   */
  runOnce(): Promise<DeliveryCounts> {
    const previous = this.running ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.drain());
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = null;
    }).catch(() => undefined);
    return run;
  }

  /** Runs `runOnce` every `intervalMs` (measured from the end of a run, so runs never pile up). */
  start(intervalMs: number): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopRequested = false;
    const tick = (): void => {
      this.runOnce()
        .catch((error: unknown) => (this.opts.onError ?? console.error)(error))
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(tick, intervalMs);
          // The server's sockets keep the process alive, not this timer.
          this.timer.unref();
        });
    };
    tick();
  }

  /** Stops the loop and waits for the run in progress, so nothing is half recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Set by `stop()` so a run in progress finishes its batch and returns. */
  private stopRequested = false;

  private async drain(): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { sent: 0, failed: 0, retried: 0 };
    const { store } = this.opts;
    const limit = Math.max(1, this.opts.batchSize ?? 100);
    // Each item is tried at most once per run, even if its backoff is zero:
    // a run ends instead of spinning on an item that keeps failing.
    const tried = new Set<string>();
    for (;;) {
      // Read first, then flush: flush() makes durable everything committed
      // before it is called, so every item read is on disk before it is
      // sent. (Flushing before reading would leave a gap in which the host
      // could commit an item that is read but not yet durable.)
      // Items tried in this run that are still pending (retried with no
      // backoff) come back from the query: ask for that many more, not for
      // every item tried so far (which made a long drain quadratic: the
      // 200th batch of a 20k backlog read and copied 20,000 items).
      const read = await store.pendingOutbox(this.opts.clock.now(), limit + counts.retried);
      const batch = read.filter((item) => !tried.has(item.key)).slice(0, limit);
      await store.flush();
      if (batch.length === 0) break;
      for (const item of batch) tried.add(item.key);
      await this.deliverAll(batch, counts);
      await store.flush();
      // A stop ends the run after this batch: a shutdown never waits for the whole backlog.
      if (this.stopRequested) break;
    }
    return counts;
  }

  private async deliverAll(items: OutboxItem[], counts: DeliveryCounts): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < items.length) await this.deliver(items[next++], counts);
    };
    await Promise.all(Array.from({ length: Math.min(items.length, Math.max(1, this.opts.concurrency ?? 4)) }, lane));
  }

  private async deliver(item: OutboxItem, counts: DeliveryCounts): Promise<void> {
    const attempts = item.attempts + 1;
    if (this.delivered.has(item.key)) {
      // Sent by this process already (the store was told otherwise since): record it, never resend.
      await this.record(item, { ...item, status: 'sent', sentAt: item.sentAt ?? this.opts.clock.now() });
      return;
    }
    let receipt: void | SendReceipt;
    try {
      receipt = await this.transportFor(item.effect).send(item.effect);
    } catch (error) {
      const refused = error instanceof DeliveryError ? error.refused : undefined;
      if (refused) return this.settleRefusals(item, attempts, refused, describeError(error), counts);
      const now = this.opts.clock.now();
      const lastError = describeError(error);
      if (isPermanent(error) || attempts >= this.maxAttempts) {
        counts.failed++;
        const failed: OutboxItem = { ...item, status: 'failed', attempts, lastError, nextAttemptAt: undefined };
        this.opts.onAttempt?.(item, { sent: false, reason: lastError });
        await this.record(item, failed);
        this.tell({ item: failed, result: 'failed', permanent: isPermanent(error) });
      } else {
        counts.retried++;
        const wait = Math.max(this.backoff(attempts), (error as DeliveryError).retryAfterMs ?? 0);
        this.opts.onAttempt?.(item, { sent: false, reason: lastError, retryInMs: wait });
        const retry: OutboxItem = { ...item, status: 'pending', attempts, lastError, nextAttemptAt: now + wait };
        await this.record(item, retry);
        this.tell({ item: retry, result: 'retry' });
      }
      return;
    }
    if (receipt && receipt.refused.length > 0) return this.settleRefusals(item, attempts, receipt.refused, null, counts);
    this.delivered.add(item.key);
    counts.sent++;
    this.opts.onAttempt?.(item, { sent: true });
    const sent: OutboxItem = { ...item, status: 'sent', attempts, sentAt: this.opts.clock.now(), nextAttemptAt: undefined, lastError: undefined };
    await this.record(item, sent);
    this.tell({ item: sent, result: 'sent' });
  }

  private tell(outcome: DeliveryOutcome): void {
    if (!this.opts.onOutcome) return;
    try {
      this.opts.onOutcome(outcome);
    } catch (error) {
      (this.opts.onError ?? console.error)(error);
    }
  }

  /**
   * An email that SMTP refused for some recipients (`failure` null: the others
   * have it) or for all of them (`failure`: the transport's description). Hard bounces are final for their address;
   * deferred addresses are tried again with backoff, alone (the same message,
   * the same Message-ID, narrowed to them: those who have it do not get it
   * twice); when their attempts run out they count as soft bounces.
   */
  private async settleRefusals(item: OutboxItem, attempts: number, refused: RecipientRefusal[], failure: string | null, counts: DeliveryCounts): Promise<void> {
    const someAccepted = failure === null;
    const now = this.opts.clock.now();
    const hard = refused.filter((r) => r.permanent);
    const deferred = refused.filter((r) => !r.permanent);
    const retry = deferred.length > 0 && attempts < this.maxAttempts;
    const base = { key: item.key, contactId: item.effect.contactId, sequenceId: item.effect.sequenceId, stepId: item.effect.stepId, at: now };
    const events: DeliveryEmailEvent[] = [
      ...hard.map((r): DeliveryEmailEvent => ({ ...base, email: r.address, kind: 'hard-bounce', detail: r.reply })),
      ...(retry ? [] : deferred.map((r): DeliveryEmailEvent => ({ ...base, email: r.address, kind: 'soft-bounce', detail: r.reply }))),
    ];
    await this.report(events);
    const lastError = [
      failure ?? 'Delivered to the other recipients.',
      hard.length ? `Refused for good (hard bounce): ${hard.map((r) => `${r.address} (${r.reply})`).join(', ')}.` : '',
      deferred.length ? `Deferred${retry ? ', tried again' : ' until the attempts ran out (soft bounce)'}: ${deferred.map((r) => `${r.address} (${r.reply})`).join(', ')}.` : '',
    ].filter(Boolean).join(' ');
    if (retry) {
      counts.retried++;
      const wanted = new Set(deferred.map((r) => bareAddress(r.address)));
      const to = (item.effect as { to?: string[] }).to ?? [];
      const narrowed = to.filter((t) => wanted.has(bareAddress(t)));
      const effect = narrowed.length > 0 ? { ...item.effect, to: narrowed } : item.effect;
      const wait = this.backoff(attempts);
      this.opts.onAttempt?.(item, { sent: false, reason: lastError, retryInMs: wait });
      const again: OutboxItem = { ...item, effect, status: 'pending', attempts, lastError, nextAttemptAt: now + wait };
      await this.record(item, again);
      this.tell({ item: again, result: 'retry' });
    } else if (someAccepted) {
      this.delivered.add(item.key);
      counts.sent++;
      this.opts.onAttempt?.(item, { sent: true });
      const sent: OutboxItem = { ...item, status: 'sent', attempts, sentAt: now, nextAttemptAt: undefined, lastError };
      await this.record(item, sent);
      this.tell({ item: sent, result: 'sent' });
    } else {
      counts.failed++;
      this.opts.onAttempt?.(item, { sent: false, reason: lastError });
      const failed: OutboxItem = { ...item, status: 'failed', attempts, lastError, nextAttemptAt: undefined };
      await this.record(item, failed);
      this.tell({ item: failed, result: 'failed', permanent: hard.length > 0 });
    }
  }

  private async report(events: DeliveryEmailEvent[]): Promise<void> {
    const { onEmailEvent } = this.opts;
    if (!onEmailEvent) return;
    for (const event of events) {
      try {
        await onEmailEvent(event);
      } catch (error) {
        (this.opts.onError ?? console.error)(error);
      }
    }
  }

  /**
   * Commits the outcome, unless the item vanished meanwhile (its contact was
   * deleted): no resurrecting it. Outcomes known in the same turn of the
   * event loop (replies of the delivery thread arrive together) share one
   * commit, made on the next turn; each caller resumes once its outcome is
   * committed, so nothing waits longer than before for its mark.
   */
  private record(before: OutboxItem, after: OutboxItem): Promise<void> {
    this.outcomes.push({ before, after });
    this.recording ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.commitOutcomes());
    return this.recording;
  }

  private outcomes: Array<{ before: OutboxItem; after: OutboxItem }> = [];
  private recording: Promise<void> | null = null;

  private async commitOutcomes(): Promise<void> {
    const outcomes = this.outcomes;
    this.outcomes = [];
    this.recording = null; // outcomes from now on go to the next commit
    const kept: OutboxItem[] = [];
    for (const { before, after } of outcomes) {
      const still = await this.opts.store.listOutbox({ contactId: before.effect.contactId });
      if (!still.some((i) => i.key === before.key)) continue;
      // Keep optional fields out of the JSON rather than writing them as undefined.
      kept.push(Object.fromEntries(Object.entries(after).filter(([, v]) => v !== undefined)) as unknown as OutboxItem);
    }
    if (kept.length > 0) await this.opts.store.commit({ outbox: kept });
  }

  private transportFor(effect: OutgoingEffect): Transport<OutgoingEffect> {
    const transport = this.opts.transports[effect.type] as Transport<OutgoingEffect> | undefined;
    if (!transport) throw new DeliveryError(`No transport for ${effect.type} items: pass one in the worker's transports.`, { permanent: true });
    return transport;
  }
}
