/**
 * Outgoing items by idempotency key, with the pending ones kept apart so the
 * delivery loop never scans items already sent. The pending ones are
 * ordered by when they may be tried (the same heap as wake-ups): with tens
 * of thousands pending, sorting them all for every batch of 100 the
 * delivery worker reads cost more than delivering the batch.
 */
import type { OutboxItem } from './contact-store';
import { WakeupIndex } from './wakeup-index';

/** When a pending item may be tried: its backoff instant, else the instant its step ran. */
export function dueAt(item: OutboxItem): number {
  return item.nextAttemptAt ?? item.effect.at;
}

export class OutboxIndex {
  private readonly items = new Map<string, OutboxItem>();
  /** Key → when the pending item may be tried; only pending items are in it. */
  private readonly pendingDue = new WakeupIndex();
  private readonly byContact = new Map<string, Set<string>>();

  /**
   * Inserts or replaces the item with this key. A `sent` item stays sent:
   * re-emitting an effect with the same idempotency key (a replayed step, a
   * crash between delivery and commit) must never deliver it twice.
   */
  put(item: OutboxItem): void {
    const old = this.items.get(item.key);
    if (old?.status === 'sent' && item.status !== 'sent') return;
    // The key names the contact, so a replaced item keeps its place in the
    // contact's index (creation order); only a (nonsensical) move re-indexes.
    if (old !== undefined && old.effect.contactId !== item.effect.contactId) this.unindexContact(old);
    this.items.set(item.key, item);
    this.pendingDue.set(item.key, item.status === 'pending' ? dueAt(item) : null);
    let keys = this.byContact.get(item.effect.contactId);
    if (keys === undefined) this.byContact.set(item.effect.contactId, (keys = new Set()));
    keys.add(item.key);
  }

  /** Pending items due at `now` (backoff over), earliest first, ties by key. */
  pending(now: number, limit: number): OutboxItem[] {
    return this.pendingDue.due(now, limit).map(({ contactId: key }) => this.items.get(key)!);
  }

  list(options: { contactId?: string; status?: OutboxItem['status'] } = {}): OutboxItem[] {
    // Both answer in creation order: the contact's key set is never reordered.
    const found =
      options.contactId === undefined
        ? [...this.items.values()]
        : [...(this.byContact.get(options.contactId) ?? [])].map((k) => this.items.get(k)!);
    return options.status === undefined ? found : found.filter((i) => i.status === options.status);
  }

  deleteContact(contactId: string): void {
    for (const key of this.byContact.get(contactId) ?? []) {
      this.pendingDue.set(key, null);
      this.items.delete(key);
    }
    this.byContact.delete(contactId);
  }

  all(): OutboxItem[] {
    return [...this.items.values()];
  }

  private unindexContact(item: OutboxItem): void {
    const keys = this.byContact.get(item.effect.contactId);
    keys?.delete(item.key);
    if (keys?.size === 0) this.byContact.delete(item.effect.contactId);
  }
}
