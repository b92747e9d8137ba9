/**
 * The store file's layout (schema version 1): plain JSON a person can read,
 * one collection per kind of thing. `tags` and `invoices` are derived views
 * (all tags in use; the invoices of invoiced orders), rewritten on every
 * write for readers of the file and ignored when it is opened: contacts and
 * orders are their source of truth, so the two can never disagree.
 */
import type {
  AppointmentRecord,
  FulfillmentRecord,
  NoteRecord,
  OpportunityRecord,
  OrderRecord,
  OrderStatus,
  TaskRecord,
} from '../engine/effects';
import type { ConsentEntry, SuppressionEntry } from '../engine/consent';
import type { Contact, Enrollment, User } from '../engine/model';
import type { HistoryEntry, OutboxItem } from './contact-store';

export const STORE_SCHEMA_VERSION = 1;

export interface InvoiceView {
  id: string;
  orderId: string;
  contactId: string;
  total: number;
  payable: boolean;
  status: OrderStatus;
  at: number;
}

export interface StoreData {
  schemaVersion: number;
  /**
   * The last journal line (`<store>.journal`) this file already holds;
   * opening replays only the lines after it. Absent in files written by
   * other tools or older Nudge versions (then every journal line is new).
   */
  journalSeq?: number;
  contacts: Contact[];
  users: User[];
  /** Derived: every tag on some contact, sorted. */
  tags: string[];
  notes: NoteRecord[];
  tasks: TaskRecord[];
  appointments: AppointmentRecord[];
  opportunities: OpportunityRecord[];
  orders: OrderRecord[];
  /** Derived from `orders`. */
  invoices: InvoiceView[];
  /** List name → entries in the order they were added. */
  fulfillmentLists: Record<string, FulfillmentRecord[]>;
  enrollments: Enrollment[];
  wakeups: Array<{ contactId: string; at: number }>;
  outbox: OutboxItem[];
  history: HistoryEntry[];
  meta: Record<string, unknown>;
  /** Every contact's consent ledger lines, oldest first (absent in older files: none). */
  consent: ConsentEntry[];
  /** Hashed addresses never to be mailed again (absent in older files: none). */
  suppression: SuppressionEntry[];
}

/** Record type → the collection of the file that holds it. */
export const RECORD_COLLECTIONS = {
  note: 'notes',
  task: 'tasks',
  appointment: 'appointments',
  opportunity: 'opportunities',
  order: 'orders',
} as const;

export function emptyStoreData(): StoreData {
  return {
    schemaVersion: STORE_SCHEMA_VERSION,
    contacts: [],
    users: [],
    tags: [],
    notes: [],
    tasks: [],
    appointments: [],
    opportunities: [],
    orders: [],
    invoices: [],
    fulfillmentLists: {},
    enrollments: [],
    wakeups: [],
    outbox: [],
    history: [],
    meta: {},
    consent: [],
    suppression: [],
  };
}

export function tagsOf(contacts: Iterable<Contact>): string[] {
  const tags = new Set<string>();
  for (const c of contacts) {
    if (Array.isArray(c.tags)) for (const t of c.tags) if (typeof t === 'string') tags.add(t);
  }
  return [...tags].sort();
}

export function invoicesOf(orders: OrderRecord[]): InvoiceView[] {
  return orders
    .filter((o) => o.invoice !== undefined)
    .map((o) => ({
      id: o.invoice!.id,
      orderId: o.id,
      contactId: o.contactId,
      total: o.total,
      payable: o.invoice!.payable,
      status: o.status,
      at: o.at,
    }));
}

/** `data` as the state after journal line `seq`: schemaVersion first, then journalSeq, then the collections, as in every store file. */
export function atJournalSeq(data: StoreData, seq: number): StoreData {
  const { schemaVersion, journalSeq: _old, ...collections } = data;
  return { schemaVersion, journalSeq: seq, ...collections };
}
