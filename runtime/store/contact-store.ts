/**
 * The contact store interface. Async and batch-shaped so that a PostgreSQL
 * store can follow lowdb without touching the engine or the hosts: reads
 * take many ids at once, and every state change of a step is one `commit`
 * (contact, enrollments, wake-up, records, outbox items, history together),
 * which is what makes the outbox pattern safe.
 */
import type { Effect, OutgoingEffect, RecordEffect } from '../engine/effects';
import type { ConsentEntry, SuppressionEntry } from '../engine/consent';
import type { Contact, Enrollment, TraceEvent, User } from '../engine/model';

/** An outgoing item waiting for (or done with) delivery. */
export interface OutboxItem {
  /** The effect's idempotency key: unique in the outbox. */
  key: string;
  effect: OutgoingEffect;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** Do not retry before this instant (backoff). */
  nextAttemptAt?: number;
  sentAt?: number;
  lastError?: string;
}

/** One line of a contact's history: a step's trace line, or a note from the host (moved by an edit, removed by hand). */
export interface HistoryEntry extends Partial<TraceEvent> {
  time: number;
  contact: string;
  message?: string;
}

export type RecordType = RecordEffect['type'];

/** Everything one unit of work changes, written atomically. */
export interface StoreBatch {
  contacts?: Contact[];
  /** The full enrollment list of each contact named. */
  enrollments?: Array<{ contactId: string; enrollments: Enrollment[] }>;
  /** Next wake-up instant per contact; `null` clears it. */
  wakeups?: Array<{ contactId: string; at: number | null }>;
  records?: RecordEffect[];
  outbox?: OutboxItem[];
  history?: HistoryEntry[];
  /** Small host state (round-robin counters, sequence versions, clock). */
  meta?: Record<string, unknown>;
  /** Lines appended to contacts' consent ledgers (deleted with the contact). */
  consent?: ConsentEntry[];
  /** Addresses (hashed) never to be mailed again; an address already listed keeps its first entry. Survives contact deletion. */
  suppress?: SuppressionEntry[];
  /** Hashes taken off the suppression list: only the person's own double opt-in does this. Applied before `suppress`. */
  unsuppress?: string[];
}

export interface RecordQuery {
  contactId?: string;
  userId?: string;
  /** For fulfillment entries: the list name. */
  list?: string;
}

export interface ContactStore {
  getContacts(ids: string[]): Promise<Map<string, Contact>>;
  /** Contacts in id order, paged. */
  listContacts(options?: { offset?: number; limit?: number }): Promise<Contact[]>;
  countContacts(): Promise<number>;
  deleteContacts(ids: string[]): Promise<void>;

  listUsers(): Promise<User[]>;
  putUsers(users: User[]): Promise<void>;

  getEnrollments(contactIds: string[]): Promise<Map<string, Enrollment[]>>;
  /** Every contact's enrollments in one sequence (reporting, publishing a new version). */
  enrollmentsInSequence(sequenceId: string): Promise<Enrollment[]>;

  /** Contacts whose wake-up is at or before `until`, earliest first (ties by contact id). */
  dueWakeups(until: number, limit: number): Promise<Array<{ contactId: string; at: number }>>;
  nextWakeup(): Promise<number | null>;

  listRecords<T extends RecordType>(type: T, query?: RecordQuery): Promise<Array<Extract<Effect, { type: T }>>>;
  updateRecord(type: RecordType, id: string, patch: Record<string, unknown>): Promise<boolean>;

  pendingOutbox(now: number, limit: number): Promise<OutboxItem[]>;
  listOutbox(options?: { contactId?: string; status?: OutboxItem['status'] }): Promise<OutboxItem[]>;
  history(contactId: string): Promise<HistoryEntry[]>;
  getMeta<T = unknown>(key: string): Promise<T | undefined>;
  /** The contact's consent ledger, oldest first (empty for an unknown contact). */
  consentLedger(contactId: string): Promise<ConsentEntry[]>;
  /** The suppression entries of those of `hashes` that are listed (see `suppressionHash`). */
  suppressed(hashes: string[]): Promise<Map<string, SuppressionEntry>>;
  /** The whole suppression list, oldest first. */
  listSuppression(): Promise<SuppressionEntry[]>;

  /** Applies a batch atomically in memory; durable once `flush()` resolves. */
  commit(batch: StoreBatch): Promise<void>;
  /** Resolves when every commit so far is on disk (group commit: one write for many commits). */
  flush(): Promise<void>;
  close(): Promise<void>;
}
