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

interface Entry {
  at: number;
  id: string;
  /** The stamp given when this wake-up was set; the entry is stale once the contact's stamp moves on. */
  stamp: number;
}

function before(a: Entry, b: Entry): boolean {
  // Ties by contact id in code-unit order: the same order on every machine (no locale).
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}

export class WakeupIndex {
  private readonly current = new Map<string, { at: number; stamp: number }>();
  private heap: Entry[] = [];
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
      this.push({ at, id: contactId, stamp });
    }
    this.compactIfNeeded();
  }

  /** Earliest wake-up, or `null` when nobody waits. */
  next(): number | null {
    this.dropStaleTop();
    return this.heap.length === 0 ? null : this.heap[0].at;
  }

  /** Wake-ups at or before `until`, earliest first, ties by contact id, at most `limit`. */
  due(until: number, limit: number): Array<{ contactId: string; at: number }> {
    this.dropStaleTop();
    const out: Array<{ contactId: string; at: number }> = [];
    const heap = this.heap;
    if (limit <= 0 || heap.length === 0) return out;
    // Best-first walk over the heap's tree: a small frontier heap of node
    // indices yields the heap's entries in order without popping them.
    const frontier = new IndexHeap((i, j) => before(heap[i], heap[j]));
    frontier.push(0);
    while (frontier.size > 0 && out.length < limit) {
      const i = frontier.pop();
      const e = heap[i];
      if (e.at > until) break; // every entry still in the frontier is later
      if (this.isLive(e)) out.push({ contactId: e.id, at: e.at });
      const l = 2 * i + 1;
      if (l < heap.length) frontier.push(l);
      if (l + 1 < heap.length) frontier.push(l + 1);
    }
    return out;
  }

  /** Every live wake-up, in no particular order (for writing the store file; sorting 100k costs a write ~100 ms). */
  all(): Array<{ contactId: string; at: number }> {
    const out: Array<{ contactId: string; at: number }> = [];
    for (const [contactId, w] of this.current) out.push({ contactId, at: w.at });
    return out;
  }

  private isLive(e: Entry): boolean {
    return this.current.get(e.id)?.stamp === e.stamp;
  }

  private dropStaleTop(): void {
    while (this.heap.length > 0 && !this.isLive(this.heap[0])) this.popTop();
  }

  private compactIfNeeded(): void {
    if (this.heap.length <= 1024 || this.heap.length <= 2 * this.current.size) return;
    const live = this.heap.filter((e) => this.isLive(e));
    this.heap = [];
    for (const e of live) this.push(e);
  }

  private push(e: Entry): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(e);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(e, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = e;
  }

  private popTop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && before(heap[l + 1], heap[l]) ? l + 1 : l;
      if (!before(heap[c], last)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
  }
}

/** A minimal binary heap of numbers under a comparator (the frontier of `due()`). */
class IndexHeap {
  private readonly items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(x: number): void {
    const a = this.items;
    let i = a.length;
    a.push(x);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(x, a[p])) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = x;
  }

  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    const n = a.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && this.less(a[l + 1], a[l]) ? l + 1 : l;
        if (!this.less(a[c], last)) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
