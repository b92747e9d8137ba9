import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WakeupIndex } from '../../runtime/store/wakeup-index';

/** The obvious answer: sort everything. */
function naiveDue(model: Map<string, number>, until: number, limit: number) {
  return [...model]
    .filter(([, at]) => at <= until)
    .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([contactId, at]) => ({ contactId, at }));
}

describe('WakeupIndex', () => {
  it('answers like a full sort after any sequence of sets, moves and clears', () => {
    const op = fc.record({
      id: fc.constantFrom(...Array.from({ length: 40 }, (_, i) => `c${i}`)),
      at: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 50 }), (ops, until, limit) => {
        const index = new WakeupIndex();
        const model = new Map<string, number>();
        for (const { id, at } of ops) {
          index.set(id, at);
          if (at === null) model.delete(id);
          else model.set(id, at);
        }
        expect(index.due(until, limit)).toEqual(naiveDue(model, until, limit));
        expect(index.next()).toBe(model.size === 0 ? null : Math.min(...model.values()));
        expect(index.size).toBe(model.size);
      }),
      { numRuns: 200 },
    );
  });

  it('stays small when the same contacts move again and again (stale entries are compacted)', () => {
    const index = new WakeupIndex();
    for (let i = 0; i < 100_000; i++) index.set(`c${i % 10}`, i);
    expect((index as unknown as { heap: { size: number } }).heap.size).toBeLessThanOrEqual(1024 + 10);
    expect(index.due(Infinity, 3)).toEqual([
      { contactId: 'c0', at: 99_990 },
      { contactId: 'c1', at: 99_991 },
      { contactId: 'c2', at: 99_992 },
    ]);
  });
});
