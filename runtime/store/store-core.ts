/**
 * The in-memory state behind both stores: synchronous, indexed, and the
 * only place where store behaviour is decided. MemoryStore puts an async
 * face on it; LowdbStore adds a file. So the dry run on a memory copy and
 * the runtime on lowdb answer every query the same way by construction.
 *
 * Objects are kept as given: callers (MemoryStore) clone at the boundary.
 */
import type { ConsentEntry, SuppressionEntry } from '../engine/consent';
import type { FulfillmentRecord, OrderRecord, RecordEffect } from '../engine/effects';
import type { Contact, Enrollment, User } from '../engine/model';
import type { HistoryEntry, OutboxItem, RecordQuery, RecordType, StoreBatch } from './contact-store';
import { OutboxIndex } from './outbox-index';
import { RecordIndex } from './record-index';
import { checkBatch } from './batch-check';
import { RECORD_COLLECTIONS, STORE_SCHEMA_VERSION, invoicesOf, tagsOf, type StoreData } from './store-data';
import { WakeupIndex } from './wakeup-index';

/** One array of many lists; a plain loop is several times faster than `.flat()` on 100k lists. */
function concat<T>(lists: Iterable<T[]>): T[] {
  const out: T[] = [];
  for (const list of lists) for (const x of list) out.push(x);
  return out;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class StoreCore {
  private readonly contacts = new Map<string, Contact>();
  /** Contact ids in order; rebuilt lazily after an insert or delete, not on every update. */
  private sortedIds: string[] | null = [];
  private readonly users = new Map<string, User>();
  private readonly enrollments = new Map<string, Enrollment[]>();
  /** Sequence id → contacts with an enrollment in it. */
  private readonly bySequence = new Map<string, Set<string>>();
  private readonly wakeups = new WakeupIndex();
  private readonly records = new RecordIndex();
  private readonly outbox = new OutboxIndex();
  private readonly histories = new Map<string, HistoryEntry[]>();
  private readonly meta = new Map<string, unknown>();
  private readonly consent = new Map<string, ConsentEntry[]>();
  /** Hash → entry, in the order addresses were listed. */
  private readonly suppression = new Map<string, SuppressionEntry>();

  /** Builds the state a store file describes (already shape-checked). */
  static fromData(data: StoreData): StoreCore {
    const core = new StoreCore();
    const enrollments = new Map<string, Enrollment[]>();
    for (const e of data.enrollments) {
      const list = enrollments.get(e.contactId) ?? [];
      list.push(e);
      enrollments.set(e.contactId, list);
    }
    const records: RecordEffect[] = [
      ...Object.values(RECORD_COLLECTIONS).flatMap((name) => data[name] as RecordEffect[]),
      ...Object.values(data.fulfillmentLists).flat(),
    ];
    core.putUsers(data.users);
    core.apply({
      contacts: data.contacts,
      enrollments: [...enrollments].map(([contactId, list]) => ({ contactId, enrollments: list })),
      wakeups: data.wakeups,
      records,
      outbox: data.outbox,
      history: data.history,
      meta: data.meta,
      consent: data.consent,
      suppress: data.suppression,
    });
    return core;
  }

  /**
   * Applies a whole batch, or (if any part is malformed) nothing.
   *
   * Each collection has its own loop method: with the loops inline, the
   * huge first batch of an open gets this method optimised on stack in its
   * first loop, before the later loops have run, and every later commit
   * then deoptimises at them.
   */
  apply(batch: StoreBatch): void {
    checkBatch(batch);
    if (batch.contacts) this.putContacts(batch.contacts);
    if (batch.enrollments) this.putEnrollments(batch.enrollments);
    if (batch.wakeups) this.putWakeups(batch.wakeups);
    if (batch.records) this.putRecords(batch.records);
    if (batch.outbox) this.putOutbox(batch.outbox);
    if (batch.history) this.putHistory(batch.history);
    if (batch.consent) this.putConsent(batch.consent);
    if (batch.unsuppress) for (const hash of batch.unsuppress) this.suppression.delete(hash);
    if (batch.suppress) for (const s of batch.suppress) if (!this.suppression.has(s.hash)) this.suppression.set(s.hash, s);
    // JSON has no `undefined`: a key set to it is removed.
    if (batch.meta) for (const [k, v] of Object.entries(batch.meta)) v === undefined ? this.meta.delete(k) : this.meta.set(k, v);
  }

  private putContacts(contacts: Contact[]): void {
    for (const c of contacts) {
      if (!this.contacts.has(c.id)) this.sortedIds = null;
      this.contacts.set(c.id, c);
    }
  }

  private putEnrollments(lists: NonNullable<StoreBatch['enrollments']>): void {
    for (const { contactId, enrollments } of lists) this.setEnrollments(contactId, enrollments);
  }

  private putWakeups(wakeups: NonNullable<StoreBatch['wakeups']>): void {
    for (const { contactId, at } of wakeups) this.wakeups.set(contactId, at);
  }

  private putRecords(records: RecordEffect[]): void {
    for (const r of records) this.records.put(r);
  }

  private putOutbox(items: OutboxItem[]): void {
    for (const item of items) this.outbox.put(item);
  }

  private putHistory(history: HistoryEntry[]): void {
    for (const h of history) {
      const list = this.histories.get(h.contact);
      if (list === undefined) this.histories.set(h.contact, [h]);
      else list.push(h);
    }
  }

  private putConsent(entries: ConsentEntry[]): void {
    for (const e of entries) {
      const list = this.consent.get(e.contactId);
      if (list === undefined) this.consent.set(e.contactId, [e]);
      else list.push(e);
    }
  }

  consentLedger(contactId: string): ConsentEntry[] {
    return this.consent.get(contactId) ?? [];
  }

  suppressionOf(hash: string): SuppressionEntry | undefined {
    return this.suppression.get(hash);
  }

  listSuppression(): SuppressionEntry[] {
    return [...this.suppression.values()];
  }

  getContact(id: string): Contact | undefined {
    return this.contacts.get(id);
  }

  listContacts(offset = 0, limit = Infinity): Contact[] {
    return this.ids()
      .slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit))
      .map((id) => this.contacts.get(id)!);
  }

  countContacts(): number {
    return this.contacts.size;
  }

  /**
   * Deletes everything about the contacts (record, enrollments, wake-up,
   * records, outbox, history, consent ledger), as a CRM does on erasure.
   * The suppression list stays: it holds no contact, only hashed addresses.
   */
  deleteContacts(ids: string[]): void {
    for (const id of ids) {
      if (this.contacts.delete(id)) this.sortedIds = null;
      this.setEnrollments(id, []);
      this.wakeups.set(id, null);
      this.records.deleteContact(id);
      this.outbox.deleteContact(id);
      this.histories.delete(id);
      this.consent.delete(id);
    }
  }

  listUsers(): User[] {
    return [...this.users.values()];
  }

  /** Upserts users; a known user keeps its place in the list (round-robin order). */
  putUsers(users: User[]): void {
    const problem = users.findIndex((u) => typeof u?.id !== 'string' || u.id === '');
    if (problem >= 0) throw new TypeError(`putUsers: users[${problem}]: id must be a non-empty string.`);
    for (const u of users) this.users.set(u.id, u);
  }

  getEnrollments(contactId: string): Enrollment[] {
    return this.enrollments.get(contactId) ?? [];
  }

  enrollmentsInSequence(sequenceId: string): Enrollment[] {
    const ids = [...(this.bySequence.get(sequenceId) ?? [])].sort(byCodeUnits);
    return ids.flatMap((id) => this.getEnrollments(id).filter((e) => e.sequenceId === sequenceId));
  }

  dueWakeups(until: number, limit: number): Array<{ contactId: string; at: number }> {
    return this.wakeups.due(until, limit);
  }

  nextWakeup(): number | null {
    return this.wakeups.next();
  }

  listRecords(type: RecordType, query?: RecordQuery): RecordEffect[] {
    return this.records.query(type, query);
  }

  updateRecord(type: RecordType, id: string, patch: Record<string, unknown>): boolean {
    return this.records.update(type, id, patch);
  }

  pendingOutbox(now: number, limit: number): OutboxItem[] {
    return this.outbox.pending(now, limit);
  }

  listOutbox(options?: { contactId?: string; status?: OutboxItem['status'] }): OutboxItem[] {
    return this.outbox.list(options);
  }

  history(contactId: string): HistoryEntry[] {
    return this.histories.get(contactId) ?? [];
  }

  getMeta(key: string): unknown {
    return this.meta.get(key);
  }

  /**
   * The whole state as the store file's JSON. Shares objects with the core,
   * which replaces objects and never edits them in place, so a compaction
   * may serialise it over several turns. Contacts are in creation order, not
   * id order: the capture is synchronous, so it must not look every contact
   * up again, and the file's order means nothing to readers (listContacts
   * sorts by id).
   */
  toData(): StoreData {
    const contacts = [...this.contacts.values()];
    const orders = this.records.all('order') as OrderRecord[];
    const data: StoreData = {
      schemaVersion: STORE_SCHEMA_VERSION,
      contacts,
      users: this.listUsers(),
      tags: tagsOf(contacts),
      notes: [],
      tasks: [],
      appointments: [],
      opportunities: [],
      orders,
      invoices: invoicesOf(orders),
      fulfillmentLists: this.records.fulfillmentLists() as Record<string, FulfillmentRecord[]>,
      enrollments: concat(this.enrollments.values()),
      wakeups: this.wakeups.all(),
      outbox: this.outbox.all(),
      history: concat(this.histories.values()),
      meta: Object.fromEntries(this.meta),
      consent: concat(this.consent.values()),
      suppression: this.listSuppression(),
    };
    for (const [type, name] of Object.entries(RECORD_COLLECTIONS)) {
      (data as unknown as Record<string, unknown>)[name] = this.records.all(type as RecordType);
    }
    return data;
  }

  private ids(): string[] {
    this.sortedIds ??= [...this.contacts.keys()].sort(byCodeUnits);
    return this.sortedIds;
  }

  private setEnrollments(contactId: string, list: Enrollment[]): void {
    for (const e of this.enrollments.get(contactId) ?? []) this.bySequence.get(e.sequenceId)?.delete(contactId);
    if (list.length === 0) this.enrollments.delete(contactId);
    else this.enrollments.set(contactId, list);
    for (const e of list) {
      let ids = this.bySequence.get(e.sequenceId);
      if (ids === undefined) this.bySequence.set(e.sequenceId, (ids = new Set()));
      ids.add(contactId);
    }
  }
}
