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
 *
 * An autocharge stops its contact's instant (`InstantResult.charge`): the
 * host records the charge as pending in the same commit, asks the gateway
 * outside the serial queue (a slow gateway holds up no other contact), and
 * applies the answer as one more unit of work. Pending charges are kept in
 * the store, so a restart asks again with the same idempotency key.
 */
import type { SequenceIR } from '../../../dsl/ir';
import { NudgeError } from '../../../errors/nudge-error';
import { isOutgoing, type ChargeCard, type Effect, type RecordEffect } from '../../engine/effects';
import type { AccountInfo } from '../../engine/merge';
import type { Contact, Enrollment, User } from '../../engine/model';
import { runContactInstant, type ContactState, type InstantInput, type InstantResult } from '../../engine/run-contact';
import { createWorld, type EngineWorld } from '../../engine/world';
import { sandboxGateway, type PaymentGateway } from '../payment-gateway';
import { ChargeDesk, PENDING_CHARGES_META } from './charge-desk';
import { ConsentDesk, type ConsentBatch, type ConsentEntry, type ConsentSource, type EmailEventInput, type EmailStatus, type UnsubscribeInput } from './consent-desk';
import { EmailTracking, type ClickedLink, type EmailEventCount, type EmailStepStats } from './email-tracking';
import { foldRoundRobin } from '../round-robin-fold';
import type { ContactStore, HistoryEntry, OutboxItem, RecordQuery, RecordType, StoreBatch } from '../../store/contact-store';
import { fulfillmentCsv } from '../../store/fulfillment-csv';
import type { Clock } from './clock';

export interface RuntimeHostOptions {
  store: ContactStore;
  clock: Clock;
  accountZone?: string;
  /** The business (nudge.config.json `account`): `~Account.Name~`, `~Account.Address~`. */
  account?: AccountInfo;
  /** Where autocharges go (default: the sandbox rule, no network). */
  gateway?: PaymentGateway;
  /** Wait before asking a gateway again after it failed to answer (default 30 s). */
  chargeRetryMs?: number;
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
  private readonly charges: ChargeDesk;
  private readonly consentDesk: ConsentDesk;
  private readonly tracking: EmailTracking;

  private constructor(
    private readonly opts: RuntimeHostOptions, private users: User[], private roundRobin: Record<string, number>,
    pendingCharges: Record<string, ChargeCard>,
  ) {
    this.world = this.buildWorld();
    this.charges = new ChargeDesk({
      store: opts.store, gateway: opts.gateway ?? sandboxGateway, retryMs: opts.chargeRetryMs ?? 30_000,
      applyAnswer: (charge, answer) => this.apply(charge.contactId, { charges: [answer] }, Math.max(charge.at, this.clock.now())),
      serial: (fn) => this.serial(fn),
    }, pendingCharges);
    this.consentDesk = new ConsentDesk({
      store: opts.store, now: () => this.clock.now(), serial: (fn) => this.serial(fn),
      run: (contactId, input, at, extra) => this.runContact(contactId, input, at, extra),
      unknownContact: (id) => new UnknownContactError(id),
    });
    this.tracking = new EmailTracking({ store: opts.store, serial: (fn) => this.serial(fn), run: (id, input, at) => this.runContact(id, input, at) });
  }

  static async create(opts: RuntimeHostOptions): Promise<RuntimeHost> {
    const users = await opts.store.listUsers();
    const roundRobin = (await opts.store.getMeta<Record<string, number>>(ROUND_ROBIN_META)) ?? {};
    const pendingCharges = await ChargeDesk.loadPending(opts.store);
    return new RuntimeHost(opts, users, roundRobin, pendingCharges);
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  /** The business's name and postal address (nudge.config.json `account`). */
  get account(): AccountInfo {
    return this.opts.account ?? {};
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
    // Charges left pending by a restart are asked again once their sequence runs here.
    this.charges.askPending((id) => this.published.has(id));
  }

  /** Resolves when no gateway call is under way and every answer so far is applied. */
  chargesSettled(): Promise<void> {
    return this.charges.settled();
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
      account: this.opts.account,
      users: this.users,
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

  // The API's commands and queries. Every write runs in the serial queue, as
  // the due-runner's steps do, so a step never writes back a contact deleted
  // meanwhile and the runner never meets one deleted under it; each is
  // durable (flushed, outside the queue for group commit) before it resolves.
  // Reads go to the store directly: each answers from one consistent state.

  /**
   * Creates the contact and runs `input` on it in one unit of work; `undefined` if the id is taken.
   * `source` (API, form, import) starts its consent ledger; a suppressed address gets its status back.
   */
  async create(contact: Contact, input: InstantInput, at = this.clock.now(), source?: ConsentSource): Promise<InstantResult | undefined> {
    const result = await this.serial(async () => {
      if ((await this.store.getContacts([contact.id])).has(contact.id)) return undefined;
      const created = { ...contact };
      const consent = await this.consentDesk.onCreate(created, at, source);
      await this.store.commit({ contacts: [created], ...consent });
      return this.runContact(contact.id, consentSafe(input), at);
    });
    await this.store.flush();
    return result;
  }

  /**
   * Finds the contact with `email` (any case) and creates one when there is
   * none, in one unit of work: two posts of one new address make one
   * contact. `plan` sees the contact found (the first by id) and says what
   * to create, if anything, and what to run on it.
   */
  async upsertByEmail(
    email: string,
    plan: (existing: Contact | undefined) => { create?: Contact; input: InstantInput },
    at = this.clock.now(),
    source?: ConsentSource,
  ): Promise<{ result: InstantResult; created: boolean }> {
    const out = await this.serial(async () => {
      const [id] = (await this.store.findContactIdsByEmail([email])).get(email) ?? [];
      const existing = id === undefined ? undefined : (await this.store.getContacts([id])).get(id);
      const { create, input } = plan(existing);
      const contactId = existing?.id ?? create?.id;
      if (contactId === undefined) throw new TypeError('upsertByEmail: plan must create a contact when none has the email.');
      if (!existing && create) {
        // As create(): the ledger's first line, and a suppressed address keeps its status.
        const created = { ...create };
        const consent = await this.consentDesk.onCreate(created, at, source);
        await this.store.commit({ contacts: [created], ...consent });
      }
      return { result: await this.runContact(contactId, consentSafe(input), at), created: !existing };
    });
    await this.store.flush();
    return out;
  }

  /** Ids of the contacts with this email (any case), in id order: an index lookup. */
  async findContactIdsByEmail(email: string): Promise<string[]> {
    return (await this.store.findContactIdsByEmail([email])).get(email) ?? [];
  }

  /** Removes a tag (firing nothing), from the contact as it is when its turn comes: a step may have just tagged it. */
  async removeTag(contactId: string, tag: string, at = this.clock.now()): Promise<InstantResult> {
    const result = await this.serial(async () => {
      const contact = await this.contact(contactId);
      if (!contact) throw new UnknownContactError(contactId);
      return this.runContact(contactId, { fields: { tags: (contact.tags ?? []).filter((t) => t !== tag) } }, at);
    });
    await this.store.flush();
    return result;
  }

  /** Deletes the contact with everything of it; false if there was none. */
  async deleteContact(id: string): Promise<boolean> {
    const existed = await this.serial(async () => {
      if (!(await this.store.getContacts([id])).has(id)) return false;
      await this.store.deleteContacts([id]);
      await this.store.commit({ meta: EmailTracking.forget(id) });
      return true;
    });
    await this.store.flush();
    return existed;
  }

  /** Marks a task completed now (or open again); `undefined` if there is no such task. */
  async completeTask(id: string, completed: boolean): Promise<RecordEffect | undefined> {
    const patch = { completedAt: completed ? this.clock.now() : undefined };
    const found = await this.serial(() => this.store.updateRecord('task', id, patch));
    if (!found) return undefined;
    await this.store.flush();
    return (await this.store.listRecords('task')).find((t) => t.id === id);
  }

  /** Writes small host state (the simulated clock's instant) durably. */
  async saveMeta(meta: Record<string, unknown>): Promise<void> {
    await this.serial(() => this.store.commit({ meta }));
    await this.store.flush();
  }

  /**
   * Adds to an email step's figures (sent, delivered, bounced, complaint,
   * unsubscribe, click, open); resolves once durable. Events arriving
   * together are committed as one unit of work (email-tracking.ts).
   */
  countEmailEvent(event: EmailEventCount): Promise<void> {
    return this.tracking.count(event);
  }

  /** Each email step's figures of a sequence, by step id. */
  emailStats(sequenceId: string): Promise<Record<string, EmailStepStats>> {
    return this.tracking.stats(sequenceId);
  }

  /** A tracked link was followed: counts the click; fires linkClicked the first time for this contact and link. */
  linkClicked(link: ClickedLink, at = this.clock.now()): Promise<{ fired: boolean }> {
    return this.tracking.click(link, at);
  }

  async contact(id: string): Promise<Contact | undefined> {
    return (await this.store.getContacts([id])).get(id);
  }

  listContacts(options?: { offset?: number; limit?: number }): Promise<Contact[]> {
    return this.store.listContacts(options);
  }

  countContacts(): Promise<number> {
    return this.store.countContacts();
  }

  async enrollments(contactId: string): Promise<Enrollment[]> {
    return (await this.store.getEnrollments([contactId])).get(contactId) ?? [];
  }

  enrollmentsInSequence(sequenceId: string): Promise<Enrollment[]> {
    return this.store.enrollmentsInSequence(sequenceId);
  }

  history(contactId: string): Promise<HistoryEntry[]> {
    return this.store.history(contactId);
  }

  dueWakeups(until: number, limit: number): Promise<Array<{ contactId: string; at: number }>> {
    return this.store.dueWakeups(until, limit);
  }

  listRecords<T extends RecordType>(type: T, query?: RecordQuery): Promise<Array<Extract<Effect, { type: T }>>> {
    return this.store.listRecords(type, query);
  }

  listOutbox(options?: { contactId?: string; status?: OutboxItem['status'] }): Promise<OutboxItem[]> {
    return this.store.listOutbox(options);
  }

  fulfillmentCsv(list: string): Promise<string> {
    return fulfillmentCsv(this.store, list);
  }

  // Consent (consent-desk.ts): each a unit of work in the queue, durable before it resolves.

  /** Unsubscribes the contact and fires `unsubscribed()`; a repeat changes nothing. */
  async unsubscribe(input: UnsubscribeInput): Promise<{ changed: boolean }> {
    const result = await this.flushed(await this.consentDesk.unsubscribe(input));
    // The email whose link it was counts the unsubscribe (a repeat is no new one).
    if (result.changed && input.sequenceId !== undefined && input.stepId !== undefined) {
      await this.countEmailEvent({ sequenceId: input.sequenceId, stepId: input.stepId, event: 'unsubscribe' });
    }
    return result;
  }

  /** A bounce or complaint for an address: its contacts' statuses, and (hard bounce, complaint) suppression. */
  async recordEmailEvent(input: EmailEventInput): Promise<{ contactIds: string[] }> {
    return this.flushed(await this.consentDesk.recordEmailEvent(input));
  }

  /** Confirms the contact's address (double opt-in); only the person's own click lifts an opt-out. */
  async confirmOptIn(input: { contactId: string; source: ConsentSource }): Promise<{ changed: boolean }> {
    return this.flushed(await this.consentDesk.confirmOptIn(input));
  }

  /** The contact's email status and consent ledger. */
  consent(contactId: string): Promise<{ status: EmailStatus; ledger: ConsentEntry[] }> {
    return this.consentDesk.consent(contactId);
  }

  private async flushed<T>(value: T): Promise<T> {
    await this.store.flush();
    return value;
  }

  /** Runs `fn` after every earlier unit of work, so units never interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Something happened to a contact now (a goal, a form, an API call): run the engine and commit.
   * `input.fields` never sets the email status (only the consent commands do); a new address may.
   */
  async apply(contactId: string, input: InstantInput, at = this.clock.now()): Promise<InstantResult> {
    const result = await this.serial(async () => {
      const safe = consentSafe(input);
      if (safe.fields === undefined || !('email' in safe.fields)) return this.runContact(contactId, safe, at);
      const contact = await this.contact(contactId);
      if (!contact) throw new UnknownContactError(contactId);
      const change = await this.consentDesk.onAddressChange(contact, safe.fields.email, at);
      return this.runContact(contactId, { ...safe, fields: { ...safe.fields, ...change.fields } }, at, change.extra);
    });
    // Durable before the caller answers, but outside the queue: requests arriving
    // together share one whole-file write (group commit) instead of one each.
    await this.store.flush();
    return result;
  }

  /**
   * Runs every wake-up due at or before `until`, earliest first, each at its
   * own instant; returns how many contact-instants ran. Commits are grouped
   * and made durable once at the end (one journal sync for the whole run, not one per contact).
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

  private async runContact(contactId: string, input: InstantInput, at: number, extra?: ConsentBatch): Promise<InstantResult> {
    const contact = (await this.store.getContacts([contactId])).get(contactId);
    if (!contact) throw new UnknownContactError(contactId);
    const enrollments = (await this.store.getEnrollments([contactId])).get(contactId) ?? [];
    const state: ContactState = { contact, enrollments };
    const result = runContactInstant(this.world, state, at, input);
    foldRoundRobin(this.world, result.roundRobin, this.roundRobin);
    const pendingCharges = this.charges.note(input.charges, result.charge);
    await this.store.commit({ ...this.batchOf(result, contactId, at, pendingCharges), ...extra });
    if (result.charge) this.charges.ask(result.charge);
    return result;
  }

  private batchOf(result: InstantResult, contactId: string, at: number, pendingCharges: Record<string, ChargeCard> | undefined): StoreBatch {
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
    if (pendingCharges) (batch.meta ??= {})[PENDING_CHARGES_META] = pendingCharges;
    return batch;
  }
}

/** `input` without the consent fields: only the consent commands set a status. */
function consentSafe(input: InstantInput): InstantInput {
  if (input.fields === undefined || !('emailStatus' in input.fields || 'emailSoftBounces' in input.fields)) return input;
  const { emailStatus: _s, emailSoftBounces: _b, ...fields } = input.fields;
  return { ...input, fields };
}

/** The store's shapes the API answers with, so routes need no import of the store. */
export type { HistoryEntry, OutboxItem, RecordType };
export type { ConsentEntry, ConsentSource, EmailStatus };
export type { ClickedLink, EmailEvent, EmailEventCount, EmailStepStats } from './email-tracking';
