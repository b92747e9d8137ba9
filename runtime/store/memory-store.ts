/**
 * A ContactStore in memory: the dry run's store, the test double, and (with
 * a file behind it) the base of LowdbStore.
 *
 * Everything crossing the boundary is cloned, in and out: a caller that
 * keeps editing an object after `commit`, or edits one it read, must not
 * change the store behind its back (a file store would not see the edit
 * either, so the two would drift apart).
 *
 * @example
 *   const store = new MemoryStore();
 *   await store.commit({ contacts: [{ id: 'c1', email: 'a@example.com' }], wakeups: [{ contactId: 'c1', at: 0 }] });
 *   await store.dueWakeups(Date.now(), 100); // [{ contactId: 'c1', at: 0 }]
 */
import type { ConsentEntry, SuppressionEntry } from '../engine/consent';
import type { Effect } from '../engine/effects';
import type { Contact, Enrollment, User } from '../engine/model';
import type {
  ContactStore,
  HistoryEntry,
  OutboxItem,
  RecordQuery,
  RecordType,
  StoreBatch,
} from './contact-store';
import { copyPlainData, type PlainCopyRules } from '../../dsl/plain-copy';
import { StoreCore } from './store-core';
import type { StoreData } from './store-data';
import type { StoreOp } from './journal-ops';

/** Everything the store holds is JSON-shaped; a Date or Map that slips in is cloned, never shared. */
const STORE_DATA: PlainCopyRules = { other: (value) => (typeof value === 'object' ? structuredClone(value) : value) };
const copy = <T>(value: T): T => copyPlainData(value, STORE_DATA) as T;

export class MemoryStore implements ContactStore {
  protected readonly core: StoreCore;
  private closed = false;

  /**
   * An empty store, or one holding what a store file describes (already
   * checked). `adopt` takes `data` over without copying it: only for data
   * nobody else holds, such as a file just parsed (copying 100k contacts
   * would double the time to open).
   */
  constructor(data?: StoreData, adopt = false) {
    this.core = data === undefined ? new StoreCore() : StoreCore.fromData(adopt ? data : copy(data));
  }

  async getContacts(ids: string[]): Promise<Map<string, Contact>> {
    const found = new Map<string, Contact>();
    for (const id of ids) {
      const c = this.core.getContact(id);
      if (c !== undefined) found.set(id, copy(c));
    }
    return found;
  }

  async listContacts(options: { offset?: number; limit?: number } = {}): Promise<Contact[]> {
    return copy(this.core.listContacts(options.offset, options.limit));
  }

  async countContacts(): Promise<number> {
    return this.core.countContacts();
  }

  async deleteContacts(ids: string[]): Promise<void> {
    this.assertOpen('deleteContacts');
    this.core.deleteContacts([...ids]);
    this.changed({ deleteContacts: [...ids] });
  }

  async listUsers(): Promise<User[]> {
    return copy(this.core.listUsers());
  }

  async putUsers(users: User[]): Promise<void> {
    this.assertOpen('putUsers');
    const copied = copy(users);
    this.core.putUsers(copied);
    this.changed({ putUsers: copied });
  }

  async getEnrollments(contactIds: string[]): Promise<Map<string, Enrollment[]>> {
    // Every id asked for gets an entry: an empty list means "never enrolled".
    return new Map(contactIds.map((id) => [id, copy(this.core.getEnrollments(id))]));
  }

  async enrollmentsInSequence(sequenceId: string): Promise<Enrollment[]> {
    return copy(this.core.enrollmentsInSequence(sequenceId));
  }

  async dueWakeups(until: number, limit: number): Promise<Array<{ contactId: string; at: number }>> {
    return this.core.dueWakeups(until, limit);
  }

  async nextWakeup(): Promise<number | null> {
    return this.core.nextWakeup();
  }

  async listRecords<T extends RecordType>(type: T, query?: RecordQuery): Promise<Array<Extract<Effect, { type: T }>>> {
    return copy(this.core.listRecords(type, query)) as Array<Extract<Effect, { type: T }>>;
  }

  async updateRecord(type: RecordType, id: string, patch: Record<string, unknown>): Promise<boolean> {
    this.assertOpen('updateRecord');
    const copied = copy(patch);
    const found = this.core.updateRecord(type, id, copied);
    if (found) this.changed({ updateRecord: { type, id, patch: copied } });
    return found;
  }

  async pendingOutbox(now: number, limit: number): Promise<OutboxItem[]> {
    return copy(this.core.pendingOutbox(now, limit));
  }

  async listOutbox(options?: { contactId?: string; status?: OutboxItem['status'] }): Promise<OutboxItem[]> {
    return copy(this.core.listOutbox(options));
  }

  async history(contactId: string): Promise<HistoryEntry[]> {
    return copy(this.core.history(contactId));
  }

  async getMeta<T = unknown>(key: string): Promise<T | undefined> {
    return copy(this.core.getMeta(key)) as T | undefined;
  }

  async consentLedger(contactId: string): Promise<ConsentEntry[]> {
    return copy(this.core.consentLedger(contactId));
  }

  async suppressed(hashes: string[]): Promise<Map<string, SuppressionEntry>> {
    const found = new Map<string, SuppressionEntry>();
    for (const hash of hashes) {
      const s = this.core.suppressionOf(hash);
      if (s !== undefined) found.set(hash, copy(s));
    }
    return found;
  }

  async listSuppression(): Promise<SuppressionEntry[]> {
    return copy(this.core.listSuppression());
  }

  /** Applied before the returned promise settles (even if not awaited): a read right after sees it. */
  async commit(batch: StoreBatch): Promise<void> {
    this.assertOpen('commit');
    const copied = copy(batch);
    this.core.apply(copied);
    this.changed({ commit: copied });
  }

  /** Nothing to write: memory is as durable as it gets. */
  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
  }

  /** A copy of everything, in the store file's layout (a dry run can save or compare it). */
  snapshot(): StoreData {
    return copy(this.core.toData());
  }

  /**
   * Called after every change with what was applied (read it at once: the
   * core holds these objects); LowdbStore journals it here.
   */
  protected changed(_op: StoreOp): void {}

  protected assertOpen(what: string): void {
    if (this.closed) throw new Error(`${what}: the store is closed. Open it again to make changes.`);
  }
}
