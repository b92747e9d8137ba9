/**
 * The runtime host: the second host of the pure engine (the dry run is the
 * first). It keeps every contact's state in the store, runs the engine when
 * something happens to a contact or a wake-up falls due, and commits each
 * unit of work (contact, enrollments, next wake-up, records, outbox items,
 * history) as one batch before anything is delivered: the outbox pattern.
 *
 * Wake-ups are stored, not held in timers: after a crash `runDue` finds
 * what fell due while the server was down and runs it, in order, each at
 * its own scheduled instant, so history equals an uninterrupted run's.
 */
import type { SequenceIR } from '../../../dsl/ir';
import { NudgeError } from '../../../errors/nudge-error';
import { isOutgoing, type RecordEffect } from '../../engine/effects';
import type { Contact, User } from '../../engine/model';
import { runContactInstant, type ContactState, type InstantInput, type InstantResult } from '../../engine/run-contact';
import { createWorld, type EngineWorld, type PaymentGateway } from '../../engine/world';
import type { ContactStore, HistoryEntry, OutboxItem, StoreBatch } from '../../store/contact-store';
import type { Clock } from './clock';

export interface RuntimeHostOptions {
  store: ContactStore;
  clock: Clock;
  accountZone?: string;
  gateway?: PaymentGateway;
}

export interface PublishedSequence {
  ir: SequenceIR;
  version: number;
}

export class UnknownContactError extends NudgeError<'NUDGE_ERR_UNKNOWN_CONTACT'> {
  constructor(readonly contactId: string) {
    super('NUDGE_ERR_UNKNOWN_CONTACT', { id: contactId });
  }
}

const ROUND_ROBIN_META = 'roundRobin';

export class RuntimeHost {
  private world: EngineWorld;
  private published = new Map<string, PublishedSequence>();
  /** Serialises units of work: one contact's state is never run twice at once. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly opts: RuntimeHostOptions, private users: User[], private roundRobin: Record<string, number>) {
    this.world = this.buildWorld();
  }

  static async create(opts: RuntimeHostOptions): Promise<RuntimeHost> {
    const users = await opts.store.listUsers();
    const roundRobin = (await opts.store.getMeta<Record<string, number>>(ROUND_ROBIN_META)) ?? {};
    return new RuntimeHost(opts, users, roundRobin);
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  get store(): ContactStore {
    return this.opts.store;
  }

  sequences(): PublishedSequence[] {
    return [...this.published.values()].sort((a, b) => (a.ir.id < b.ir.id ? -1 : 1));
  }

  sequence(id: string): PublishedSequence | undefined {
    return this.published.get(id);
  }

  /** Makes these sequence versions the ones the engine runs (contacts continue by step id). */
  publish(sequences: PublishedSequence[]): void {
    for (const s of sequences) this.published.set(s.ir.id, s);
    this.world = this.buildWorld();
  }

  async setUsers(users: User[]): Promise<void> {
    await this.store.putUsers(users);
    this.users = await this.store.listUsers();
    this.world = this.buildWorld();
  }

  private buildWorld(): EngineWorld {
    const list = this.sequences();
    return createWorld(list.map((s) => s.ir), {
      accountZone: this.opts.accountZone,
      users: this.users,
      gateway: this.opts.gateway,
      roundRobin: this.roundRobin,
      versions: Object.fromEntries(list.map((s) => [s.ir.id, s.version])),
    });
  }

  /**
   * Runs `fn` between units of work, none running meanwhile: publishing a
   * version rewrites stored states that a step must not read half-migrated.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.serial(fn);
  }

  /** Runs `fn` after every earlier unit of work, so units never interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Something happened to a contact now (a goal, a form, an API call): run the engine and commit. */
  async apply(contactId: string, input: InstantInput, at = this.clock.now()): Promise<InstantResult> {
    const result = await this.serial(() => this.runContact(contactId, input, at));
    // Durable before the caller answers, but outside the queue: requests arriving
    // together share one whole-file write (group commit) instead of one each.
    await this.store.flush();
    return result;
  }

  /**
   * Runs every wake-up due at or before `until`, earliest first, each at its
   * own instant; returns how many contact-instants ran. Commits are grouped
   * and made durable once at the end (lowdb rewrites its whole file).
   */
  runDue(until = this.clock.now(), batchSize = 500): Promise<number> {
    return this.serial(async () => {
      let ran = 0;
      for (;;) {
        const due = await this.store.dueWakeups(until, batchSize);
        if (due.length === 0) break;
        for (const { contactId, at } of due) {
          await this.runContact(contactId, {}, at);
          ran += 1;
        }
        await this.store.flush();
      }
      return ran;
    });
  }

  private async runContact(contactId: string, input: InstantInput, at: number): Promise<InstantResult> {
    const contact = (await this.store.getContacts([contactId])).get(contactId);
    if (!contact) throw new UnknownContactError(contactId);
    const enrollments = (await this.store.getEnrollments([contactId])).get(contactId) ?? [];
    const state: ContactState = { contact, enrollments };
    const result = runContactInstant(this.world, state, at, input);
    if (result.roundRobin) {
      Object.assign(this.roundRobin, result.roundRobin);
      for (const [k, v] of Object.entries(result.roundRobin)) this.world.roundRobin.set(k, v);
    }
    await this.store.commit(this.batchOf(result, contactId, at));
    return result;
  }

  private batchOf(result: InstantResult, contactId: string, at: number): StoreBatch {
    const records: RecordEffect[] = [];
    const outbox: OutboxItem[] = [];
    for (const e of result.effects) {
      if (isOutgoing(e)) outbox.push({ key: e.idempotencyKey, effect: e, status: 'pending', attempts: 0 });
      else records.push(e);
    }
    const history: HistoryEntry[] = result.trace.map(({ position: _position, ...line }) => line);
    for (const message of result.errors) history.push({ time: at, contact: contactId, message });
    const batch: StoreBatch = {
      contacts: [result.state.contact as Contact],
      enrollments: [{ contactId, enrollments: result.state.enrollments }],
      wakeups: [{ contactId, at: result.nextWakeAt }],
      records,
      outbox,
      history,
    };
    if (result.roundRobin) batch.meta = { [ROUND_ROBIN_META]: { ...this.roundRobin } };
    return batch;
  }
}
