/**
 * The main thread's side of the delivery thread: `transports` that look
 * like local ones to the DeliveryWorker but hand each item to a worker
 * thread (dist/delivery-thread.js) and resolve or throw with its outcome.
 * So the DeliveryWorker keeps everything that touches the store (reading
 * due items, flushing before a send, recording sent / retry / failed with
 * the same backoff and idempotency keys), while the rendering and sending,
 * the CPU-heavy part of every email, leave the thread that answers
 * requests.
 *
 * A thread that dies (a crash in a transport, an out-of-memory, being
 * terminated) does not take the server with it: the items it was sending
 * fail with a retryable error (their send may or may not have happened;
 * the resend carries the same idempotency key), items handed over while it
 * is down wait, and a new thread starts after a delay that doubles while
 * threads keep dying young.
 *
 * @example
 *   const thread = new DeliveryThread({ config: { outboxDir: 'outbox', defaultFrom: 'me@acme.test' } });
 *   const worker = new DeliveryWorker({ store, clock, transports: thread.transports });
 *   // shutdown: await worker.stop(); await thread.close();
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OutgoingEffect } from '../engine/effects';
import { DeliveryError } from './delivery-error';
import { fromThreadError, type DeliveryThreadConfig, type ThreadReply, type ThreadRequest } from './thread-protocol';
import type { SendReceipt } from './recipient-refusals';
import type { Transport, Transports } from './transport';
import { nudgeError } from '../../errors/nudge-error';

export interface DeliveryThreadOptions {
  config: DeliveryThreadConfig;
  /** The built thread entry; default dist/delivery-thread.js beside this bundle (dist/cli.js). */
  workerPath?: string;
  /** First wait before starting a thread again after one died (default 200 ms; doubles up to 30 s while they die within 10 s). */
  restartDelayMs?: number;
  /** How long close() lets sends in progress finish before ending the thread anyway (default 10 s). */
  closeTimeoutMs?: number;
  /** Told when a thread died unexpectedly, before the restart (the server logs it). */
  onCrash?: (info: { exitCode: number; error?: Error; inFlight: number; restartInMs: number }) => void;
}

interface Sending {
  effect: OutgoingEffect;
  /** The thread it was handed to; null while it waits for a thread to start. */
  thread: Worker | null;
  resolve(receipt?: SendReceipt): void;
  reject(error: Error): void;
}

const YOUNG_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

export class DeliveryThread {
  /** Hand these to the DeliveryWorker: every kind of item goes to the thread. */
  readonly transports: Transports;
  /** Threads started so far (the first one and every restart). */
  starts = 0;
  private current: Worker | null = null;
  private startedAt = 0;
  private readonly workerPath: string;
  private restartDelay: number;
  private restartTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly sending = new Map<number, Sending>();
  private closing: Promise<void> | null = null;
  private onClosed: (() => void) | null = null;

  constructor(private readonly opts: DeliveryThreadOptions) {
    this.workerPath = opts.workerPath ?? join(__dirname, 'delivery-thread.js');
    if (!existsSync(this.workerPath)) throw nudgeError('NUDGE_ERR_NOT_BUILT', { part: 'delivery thread', file: this.workerPath });
    this.restartDelay = opts.restartDelayMs ?? 200;
    const proxy: Transport<OutgoingEffect> = { send: (effect) => this.send(effect), close: () => this.close() };
    this.transports = { email: proxy, fax: proxy, letter: proxy, httpPost: proxy };
    this.start();
  }

  /** The running thread, or null between a crash and its restart (diagnostics; tests end it to check the restart). */
  get thread(): Worker | null {
    return this.current;
  }

  /** Lets the sends in progress finish (up to closeTimeoutMs), closes SMTP connections, ends the thread. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private start(): void {
    this.restartTimer = null;
    const thread = new Worker(this.workerPath, { workerData: this.opts.config });
    this.current = thread;
    this.starts++;
    this.startedAt = Date.now();
    let crash: Error | undefined;
    thread.on('message', (reply: ThreadReply) => this.onReply(reply));
    // Without an 'error' listener a crash in the thread would be thrown on the main thread.
    thread.on('error', (error) => (crash = error));
    thread.on('exit', (code) => this.onExit(thread, code, crash));
    // Items handed over while no thread ran.
    for (const [id, s] of this.sending) if (s.thread === null) this.post(thread, id, s);
  }

  private send(effect: OutgoingEffect): Promise<void | SendReceipt> {
    if (this.closing) return Promise.reject(new DeliveryError('Delivery is shutting down; the item stays pending for the next start.'));
    const id = this.nextId++;
    return new Promise<void | SendReceipt>((resolve, reject) => {
      const s: Sending = { effect, thread: null, resolve, reject };
      this.sending.set(id, s);
      if (this.current) this.post(this.current, id, s);
    });
  }

  private post(thread: Worker, id: number, s: Sending): void {
    s.thread = thread;
    thread.postMessage({ type: 'send', id, effect: s.effect } satisfies ThreadRequest);
  }

  private onReply(reply: ThreadReply): void {
    if (reply.type === 'closed') return this.onClosed?.();
    const s = this.sending.get(reply.id);
    if (!s) return;
    this.sending.delete(reply.id);
    if (reply.type === 'sent') s.resolve(reply.refused ? { refused: reply.refused } : undefined);
    else s.reject(fromThreadError(reply.error));
  }

  private onExit(thread: Worker, exitCode: number, error: Error | undefined): void {
    if (thread !== this.current) return;
    this.current = null;
    // Whether these were sent is unknown: retryable failures, resent later with the same idempotency key.
    const why = error ? `crashed: ${error.message}` : `exited with code ${exitCode}`;
    let inFlight = 0;
    for (const [id, s] of this.sending) {
      if (s.thread !== thread) continue;
      this.sending.delete(id);
      inFlight++;
      s.reject(new DeliveryError(`The delivery thread ${why} while sending this item; it is tried again.`));
    }
    if (this.closing) return this.onClosed?.();
    const young = Date.now() - this.startedAt < YOUNG_MS;
    const delay = young ? this.restartDelay : (this.opts.restartDelayMs ?? 200);
    this.restartDelay = Math.min(MAX_RESTART_DELAY_MS, delay * 2);
    this.opts.onCrash?.({ exitCode, error, inFlight, restartInMs: delay });
    this.restartTimer = setTimeout(() => this.start(), delay);
  }

  private async shutdown(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    for (const [id, s] of this.sending) {
      if (s.thread !== null) continue;
      this.sending.delete(id);
      s.reject(new DeliveryError('Delivery is shutting down; the item stays pending for the next start.'));
    }
    const thread = this.current;
    if (!thread) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.onClosed = resolve;
      timer = setTimeout(resolve, this.opts.closeTimeoutMs ?? 10_000);
      thread.postMessage({ type: 'close' } satisfies ThreadRequest);
    });
    clearTimeout(timer);
    // Sends still running after the timeout fail as retryable (onExit): pending again, nothing lost.
    await thread.terminate();
  }
}
