/**
 * A binary min-heap of items ordered by a number (an instant), ties broken
 * by the caller's order: the dry run's wake-up instants, the store's
 * wake-ups and outbox items. Keys and items sit in two parallel arrays in
 * heap order (the children of position i at 2i+1 and 2i+2), so the common
 * comparison is one `<` on numbers, not a call into a comparator: a
 * comparator shared by several heaps is a call V8 cannot inline, and the
 * dry run's clock pops millions of instants. `keyAt()` and `at()`
 * expose the arrays so a caller can walk the heap best-first without
 * popping it.
 */
export class MinHeap<T> {
  private keys: number[] = [];
  private items: T[] = [];

  /** `tieBefore(a, b)`: of two items with the same key, a comes out first. Without it equal keys leave in any order. */
  constructor(private readonly tieBefore?: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.keys.length;
  }

  /** The earliest key, left in place. */
  peekKey(): number | undefined {
    return this.keys[0];
  }

  /** The earliest item, left in place. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** The key at position `i` of the heap's array (0 is the earliest). */
  keyAt(i: number): number {
    return this.keys[i];
  }

  /** The item at position `i` of the heap's array. */
  at(i: number): T {
    return this.items[i];
  }

  push(key: number, item: T): void {
    const { keys, items } = this;
    let i = keys.length;
    keys.push(key);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent];
      if (!(key < pk || (key === pk && this.tieFirst(item, items[parent])))) break;
      keys[i] = keys[parent];
      items[i] = items[parent];
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
  }

  /** Removes and returns the earliest item. */
  pop(): T | undefined {
    const { keys, items } = this;
    if (keys.length === 0) return undefined;
    const top = items[0];
    const lastKey = keys.pop()!;
    const lastItem = items.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (keys[r] < keys[l] || (keys[r] === keys[l] && this.tieFirst(items[r], items[l]))) ? r : l;
        const ck = keys[c];
        if (!(ck < lastKey || (ck === lastKey && this.tieFirst(items[c], lastItem)))) break;
        keys[i] = keys[c];
        items[i] = items[c];
        i = c;
      }
      keys[i] = lastKey;
      items[i] = lastItem;
    }
    return top;
  }

  /** Keeps only the items `keep` accepts, in a rebuilt heap. */
  retain(keep: (item: T) => boolean): void {
    const { keys, items } = this;
    this.keys = [];
    this.items = [];
    for (let i = 0; i < keys.length; i++) if (keep(items[i])) this.push(keys[i], items[i]);
  }

  /** Of two items with the same key, whether `a` comes out first. */
  private tieFirst(a: T, b: T): boolean {
    return this.tieBefore !== undefined && this.tieBefore(a, b);
  }
}
