/** The one binary heap: numeric keys first, the caller's tie order second, and its array walkable in heap order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../runtime/collections/min-heap';

describe('MinHeap', () => {
  it('pops by key, ties by the caller\'s order, like a sort', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.string({ maxLength: 3 }))), (entries) => {
      const heap = new MinHeap<string>((a, b) => a < b);
      for (const [key, item] of entries) heap.push(key, item);
      const out: Array<[number, string]> = [];
      while (heap.size > 0) {
        const key = heap.peekKey()!;
        out.push([key, heap.pop()!]);
      }
      const sorted = [...entries].sort(([k1, a], [k2, b]) => k1 - k2 || (a < b ? -1 : a > b ? 1 : 0));
      expect(out).toEqual(sorted);
      expect(heap.pop()).toBeUndefined();
    }));
  });

  it('keeps its array in heap order (a parent never after its children) and rebuilds on retain', () => {
    const heap = new MinHeap<number>();
    for (const k of [5, 3, 9, 1, 7, 2, 8]) heap.push(k, k * 10);
    const ordered = () => {
      for (let i = 1; i < heap.size; i++) if (heap.keyAt((i - 1) >> 1) > heap.keyAt(i)) return false;
      return true;
    };
    expect(ordered()).toBe(true);
    expect([heap.keyAt(0), heap.at(0), heap.peek()]).toEqual([1, 10, 10]);
    heap.retain((item) => item % 20 === 0);
    expect(ordered()).toBe(true);
    const left: number[] = [];
    while (heap.size > 0) left.push(heap.pop()!);
    expect(left).toEqual([20, 80]);
  });
});
