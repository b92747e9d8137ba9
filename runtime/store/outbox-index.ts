/**
 * Outgoing items by idempotency key, with the pending ones kept apart so the
 * delivery loop never scans items already sent.
 */
import type { OutboxItem } from './contact-store';

/** When a pending item may be tried: its backoff instant, else the instant its step ran. */
export function dueAt(item: OutboxItem): number {
  return item.nextAttemptAt ?? item.effect.at;
}

export class OutboxIndex {
  private readonly items = new Map<string, OutboxItem>();
  private readonly pendingKeys = new Set<string>();
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
    if (item.status === 'pending') this.pendingKeys.add(item.key);
    else this.pendingKeys.delete(item.key);
    let keys = this.byContact.get(item.effect.contactId);
    if (keys === undefined) this.byContact.set(item.effect.contactId, (keys = new Set()));
    keys.add(item.key);
  }

  /** Pending items due at `now` (backoff over), earliest first, ties by key. */
  pending(now: number, limit: number): OutboxItem[] {
    const due: OutboxItem[] = [];
    for (const key of this.pendingKeys) {
      const item = this.items.get(key)!;
      if (dueAt(item) <= now) due.push(item);
    }
    due.sort((a, b) => dueAt(a) - dueAt(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return due.slice(0, Math.max(0, limit));
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
      this.pendingKeys.delete(key);
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
