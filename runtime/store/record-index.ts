/**
 * The CRM records steps create (notes, tasks, appointments, opportunities,
 * orders, fulfillment-list entries), indexed by contact, user and list so
 * that a contact's page or a rep's task list does not scan every record.
 *
 * Records are upserted by key: a step that is replayed after a crash
 * produces the same record id, and must not create it twice.
 */
import type { FulfillmentRecord, RecordEffect } from '../engine/effects';
import type { RecordQuery, RecordType } from './contact-store';

export const RECORD_TYPES: readonly RecordType[] = ['note', 'task', 'appointment', 'opportunity', 'order', 'fulfillment'];

/**
 * Fulfillment entries have no id: the same step adding the same contact to
 * the same list at the same instant is the same entry.
 */
export function recordKey(r: RecordEffect): string {
  if (r.type === 'fulfillment') return JSON.stringify([r.list, r.contactId, r.sequenceId, r.stepId, r.at]);
  return r.id;
}

type IndexName = 'contactId' | 'userId' | 'list';

function indexValue(r: RecordEffect, name: IndexName): string | undefined {
  const v = (r as unknown as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** The records of one type. */
class TypeRecords {
  readonly byKey = new Map<string, RecordEffect>();
  /** Insertion order, so every query answers in the order records were created. */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;
  private readonly indexes: Record<IndexName, Map<string, Set<string>>> = {
    contactId: new Map(),
    userId: new Map(),
    list: new Map(),
  };

  put(r: RecordEffect): void {
    const key = recordKey(r);
    const old = this.byKey.get(key);
    if (old !== undefined) this.unindex(key, old);
    else this.order.set(key, this.nextOrder++);
    this.byKey.set(key, r);
    this.index(key, r);
  }

  get(key: string): RecordEffect | undefined {
    return this.byKey.get(key);
  }

  delete(key: string): void {
    const old = this.byKey.get(key);
    if (old === undefined) return;
    this.unindex(key, old);
    this.byKey.delete(key);
    this.order.delete(key);
  }

  query(q: RecordQuery): RecordEffect[] {
    const wanted = (['contactId', 'userId', 'list'] as const).filter((n) => q[n] !== undefined);
    if (wanted.length === 0) return [...this.byKey.values()];
    // Start from the smallest index set, then filter on the other fields.
    let keys: Set<string> | undefined;
    for (const n of wanted) {
      const s = this.indexes[n].get(q[n]!);
      if (s === undefined) return [];
      if (keys === undefined || s.size < keys.size) keys = s;
    }
    const found: RecordEffect[] = [];
    for (const key of [...keys!].sort((a, b) => this.order.get(a)! - this.order.get(b)!)) {
      const r = this.byKey.get(key)!;
      if (wanted.every((n) => indexValue(r, n) === q[n])) found.push(r);
    }
    return found;
  }

  keysOfContact(contactId: string): string[] {
    return [...(this.indexes.contactId.get(contactId) ?? [])];
  }

  private index(key: string, r: RecordEffect): void {
    for (const n of ['contactId', 'userId', 'list'] as const) {
      const v = indexValue(r, n);
      if (v === undefined) continue;
      let s = this.indexes[n].get(v);
      if (s === undefined) this.indexes[n].set(v, (s = new Set()));
      s.add(key);
    }
  }

  private unindex(key: string, r: RecordEffect): void {
    for (const n of ['contactId', 'userId', 'list'] as const) {
      const v = indexValue(r, n);
      if (v === undefined) continue;
      const s = this.indexes[n].get(v);
      s?.delete(key);
      if (s?.size === 0) this.indexes[n].delete(v);
    }
  }
}

export class RecordIndex {
  private readonly types = new Map<RecordType, TypeRecords>(RECORD_TYPES.map((t) => [t, new TypeRecords()]));

  put(r: RecordEffect): void {
    this.of(r.type).put(r);
  }

  query(type: RecordType, q: RecordQuery = {}): RecordEffect[] {
    return this.of(type).query(q);
  }

  /**
   * Merges `patch` into the record with this id; `type` and `id` cannot be
   * patched (they are the record's identity). Fulfillment entries have no id
   * and cannot be updated. Returns whether the record exists.
   */
  update(type: RecordType, id: string, patch: Record<string, unknown>): boolean {
    if (type === 'fulfillment') return false;
    const records = this.of(type);
    const old = records.get(id);
    if (old === undefined) return false;
    records.put({ ...old, ...patch, type: old.type, id } as RecordEffect);
    return true;
  }

  deleteContact(contactId: string): void {
    for (const records of this.types.values()) {
      for (const key of records.keysOfContact(contactId)) records.delete(key);
    }
  }

  all(type: RecordType): RecordEffect[] {
    return [...this.of(type).byKey.values()];
  }

  fulfillmentLists(): Record<string, FulfillmentRecord[]> {
    // List names are the author's: `constructor` or `__proto__` must be a list like any other.
    const lists: Record<string, FulfillmentRecord[]> = Object.create(null);
    for (const r of this.all('fulfillment') as FulfillmentRecord[]) (lists[r.list] ??= []).push(r);
    return lists;
  }

  private of(type: RecordType): TypeRecords {
    const records = this.types.get(type);
    if (records === undefined) {
      throw new TypeError(`Unknown record type ${JSON.stringify(type)}: expected one of ${RECORD_TYPES.join(', ')}.`);
    }
    return records;
  }
}
