import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStoreCopy } from '../../runtime/store/copy-store';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { StoreFileError } from '../../runtime/store/store-file-error';
import { T0, MIN, enrollment, note, outboxItem } from './fixtures';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nudge-copy-'));
  file = join(dir, 'store.json');
  const real = await LowdbStore.open(file);
  await real.commit({ contacts: [{ id: 'c1', tags: ['Customer'] }, { id: 'c2' }], wakeups: [{ contactId: 'c1', at: T0 }] });
  await real.putUsers([{ id: 'u-ann' }]);
  await real.close();
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('openStoreCopy', () => {
  it('simulates on a copy: the real file keeps its bytes and mtime whatever the copy does', async () => {
    const bytes = await readFile(file);
    const { mtimeMs } = await stat(file);
    const copy = await openStoreCopy(file);
    expect((await copy.listContacts()).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(await copy.listUsers()).toEqual([{ id: 'u-ann' }]);
    // A simulated run: many steps' commits, a deletion, flush and close.
    for (let i = 0; i < 20; i++) {
      await copy.commit({
        contacts: [{ id: 'c1', tags: ['Customer', `T${i}`] }],
        enrollments: [{ contactId: 'c1', enrollments: [enrollment('c1')] }],
        wakeups: [{ contactId: 'c1', at: T0 + i * MIN }],
        records: [note(`n${i}`, 'c1')],
        outbox: [outboxItem(`k${i}`, 'c1')],
        history: [{ time: T0 + i * MIN, contact: 'c1', message: `step ${i}` }],
        meta: { clock: T0 + i * MIN },
      });
    }
    await copy.deleteContacts(['c2']);
    await copy.flush();
    await copy.close();
    await new Promise((r) => setTimeout(r, 50)); // a write, had there been one, would show in the mtime
    expect(await copy.countContacts()).toBe(1);
    expect(await readFile(file)).toEqual(bytes);
    expect((await stat(file)).mtimeMs).toBe(mtimeMs);
  });

  it('refuses a missing file instead of simulating on nothing', async () => {
    await expect(openStoreCopy(join(dir, 'nope.json'))).rejects.toThrow(StoreFileError);
    await expect(openStoreCopy(join(dir, 'nope.json'))).rejects.toThrow(/does not exist/);
  });
});
