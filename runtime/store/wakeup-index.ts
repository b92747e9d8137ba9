/**
 * The contacts' next wake-up instants, ordered by (instant, contact id).
 *
 * The scheduler asks "who is due up to `until`?" many times a minute while
 * 100k+ contacts wait, and every step moves one contact's wake-up. A binary
 * min-heap with lazy deletion keeps both cheap: a change pushes a new entry
 * (O(log n)) and leaves the old one behind as stale; `due()` walks the heap
 * best-first, touching only entries at or before `until` (O(k log k) for k
 * results, plus the stale ones it meets). The heap is rebuilt when stale
 * entries outnumber live ones, so memory stays bounded.
 */

import { MinHeap } from '../collections/min-heap';

interface Entry {
  id: string;
  /** The stamp given when this wake-up was set; the entry is stale once the contact's stamp moves on. */
  stamp: number;
}

// Ties by contact id in code-unit order: the same order on every machine (no locale).
const idBefore = (a: Entry, b: Entry) => a.id < b.id;

export class WakeupIndex {
  private readonly current = new Map<string, { at: number; stamp: number }>();
  /** Keyed by the wake-up instant. */
  private readonly heap = new MinHeap<Entry>(idBefore);
  private nextStamp = 1;

  get size(): number {
    return this.current.size;
  }

  get(contactId: string): number | undefined {
    return this.current.get(contactId)?.at;
  }

  /** Sets (or with `null` clears) a contact's wake-up. */
  set(contactId: string, at: number | null): void {
    const old = this.current.get(contactId);
    if (at === null) {
      this.current.delete(contactId);
    } else if (old === undefined || old.at !== at) {
      const stamp = this.nextStamp++;
      this.current.set(contactId, { at, stamp });
      this.heap.push(at, { id: contactId, stamp });
    }
    this.compactIfNeeded();
  }

  /** Earliest wake-up, or `null` when nobody waits. */
  next(): number | null {
    this.dropStaleTop();
    return this.heap.peekKey() ?? null;
  }

  /** Wake-ups at or before `until`, earliest first, ties by contact id, at most `limit`. */
  due(until: number, limit: number): Array<{ contactId: string; at: number }> {
    this.dropStaleTop();
    const out: Array<{ contactId: string; at: number }> = [];
    const heap = this.heap;
    if (limit <= 0 || heap.size === 0) return out;
    // Best-first walk over the heap's tree: a small frontier heap of node
    // positions yields the heap's entries in order without popping them.
    const frontier = new MinHeap<number>((i, j) => idBefore(heap.at(i), heap.at(j)));
    frontier.push(heap.keyAt(0), 0);
    while (frontier.size > 0 && out.length < limit) {
      const at = frontier.peekKey()!;
      const i = frontier.pop()!;
      if (at > until) break; // every entry still in the frontier is later
      const e = heap.at(i);
      if (this.isLive(e)) out.push({ contactId: e.id, at });
      const l = 2 * i + 1;
      if (l < heap.size) frontier.push(heap.keyAt(l), l);
      if (l + 1 < heap.size) frontier.push(heap.keyAt(l + 1), l + 1);
    }
    return out;
  }

  /** Every live wake-up, in no particular order (for writing the store file, whose readers need no order: sorting would only slow the write). */
  all(): Array<{ contactId: string; at: number }> {
    const out: Array<{ contactId: string; at: number }> = [];
    for (const [contactId, w] of this.current) out.push({ contactId, at: w.at });
    return out;
  }

  private isLive(e: Entry): boolean {
    return this.current.get(e.id)?.stamp === e.stamp;
  }

  private dropStaleTop(): void {
    while (this.heap.size > 0 && !this.isLive(this.heap.peek()!)) this.heap.pop();
  }

  private compactIfNeeded(): void {
    if (this.heap.size <= 1024 || this.heap.size <= 2 * this.current.size) return;
    this.heap.retain((e) => this.isLive(e));
  }
}
