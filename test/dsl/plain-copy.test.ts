/**
 * One walker copies JSON-shaped data for both the DSL (step parameters into
 * the IR) and the store (its boundary); what differs is each caller's rule
 * for values that are not plain data.
 */
import { describe, expect, it } from 'vitest';
import { copyPlainData, plainCopy } from '../../dsl/plain-copy';
import { MemoryStore } from '../../runtime/store/memory-store';

describe('copyPlainData', () => {
  it('copies plain objects and arrays deeply and hands other values to the caller with their place', () => {
    const seen: Array<[unknown, string | undefined]> = [];
    const when = new Date(0);
    const source = { a: [1, { b: when }], c: undefined };
    const copy = copyPlainData(source, { other: (v, where) => (seen.push([v, where]), 'other') }, 'params') as Record<string, unknown>;
    expect(copy).toStrictEqual({ a: [1, { b: 'other' }], c: undefined });
    expect((copy.a as unknown[])[1]).not.toBe(source.a[1]);
    expect(seen).toEqual([[when, 'params.a[1].b']]);
    expect(copyPlainData(source, { other: () => 'x', dropUndefined: true })).toStrictEqual({ a: [1, { b: 'x' }] });
  });

  it('for the DSL: a Date becomes ISO text, a class instance is an error naming where it is', () => {
    expect(plainCopy({ at: new Date(Date.UTC(2026, 11, 1)) }, 'step d')).toEqual({ at: '2026-12-01T00:00:00.000Z' });
    expect(() => plainCopy({ list: [new Map()] }, 'step s1 (email)')).toThrow(/^step s1 \(email\)\.list\[0\] is a Map; sequences hold plain data only/);
  });

  it('for the store: keys with undefined stay (a patch may mean them) and a Date is cloned, not shared', async () => {
    const store = new MemoryStore();
    const when = new Date(0);
    await store.commit({ meta: { m: { when, gone: undefined } } });
    const back = (await store.getMeta<{ when: Date; gone: undefined }>('m'))!;
    expect(back.when).toEqual(when);
    expect(back.when).not.toBe(when);
    expect(Object.keys(back)).toEqual(['when', 'gone']);
  });
});
