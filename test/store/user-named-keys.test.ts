/**
 * Names an author chooses become keys in the store (fulfillment lists): a
 * list called `constructor` or `__proto__` is a list like any other, and
 * the store holding one still shuts down and opens again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fulfillmentCsv } from '../../runtime/store/fulfillment-csv';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { T0, fulfillment } from './fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nudge-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fulfillment lists named like Object.prototype members', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a list named %s survives shutdown and restart', async (list) => {
    const file = join(dir, 'store.json');
    const store = await LowdbStore.open(file);
    await store.commit({ contacts: [{ id: 'c1', firstName: 'Ann' }], records: [fulfillment(list, 'c1', T0), fulfillment('beans', 'c1', T0)] });
    await store.close();

    const again = await LowdbStore.open(file);
    expect((await again.listRecords('fulfillment', { list })).map((r) => r.contactId)).toEqual(['c1']);
    expect((await again.listRecords('fulfillment', { list: 'beans' })).map((r) => r.contactId)).toEqual(['c1']);
    expect((await fulfillmentCsv(again, list)).split('\r\n')[1]).toMatch(/^c1,Ann,/);
    await again.close();
    await (await LowdbStore.open(file)).close();
  });
});
