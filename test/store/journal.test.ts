/**
 * The journal beside the store file: what a restart finds after a crash at
 * each moment (mid-append, mid-compaction, between the snapshot and the
 * journal's removal), and what a clean close leaves for other tools.
 * A "crash" here is a copy of the files as they are while the store is
 * still open: exactly what a SIGKILL leaves on disk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { openStoreCopy } from '../../runtime/store/copy-store';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import type { StoreData } from '../../runtime/store/store-data';
import { StoreFileError } from '../../runtime/store/store-file-error';
import { T0, note, outboxItem } from './fixtures';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nudge-journal-'));
  file = join(dir, 'store.json');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** What SIGKILL would leave: the store's files copied as they are now, into a fresh folder. */
async function crashCopy(): Promise<string> {
  const to = await mkdtemp(join(dir, 'crash-'));
  for (const name of await readdir(dir)) if (name.startsWith('store.json')) await copyFile(join(dir, name), join(to, name));
  return join(to, 'store.json');
}

const files = async (folder = dir) => (await readdir(folder)).filter((n) => n.startsWith('store.json')).sort();

/** One step's worth of changes for contact `id` (history lines are appended, so a double replay shows). */
const step = (id: string, i: number) => ({
  contacts: [{ id, visits: i }],
  wakeups: [{ contactId: id, at: T0 + i }],
  records: [note(`n-${id}-${i}`, id)],
  outbox: [outboxItem(`k-${id}-${i}`, id)],
  history: [{ time: T0 + i, contact: id, message: `step ${i}` }],
  meta: { last: i },
});

describe('LowdbStore journal', () => {
  it('survives a crash: every flushed change is replayed from the journal, and opening folds it into the file', async () => {
    const store = await LowdbStore.open(file);
    for (let i = 1; i <= 5; i++) await store.commit(step('c1', i));
    await store.deleteContacts(['gone']);
    await store.putUsers([{ id: 'u-ann' }]);
    await store.updateRecord('note', 'n-c1-1', { subject: 'edited' });
    await store.commit({ meta: { last: undefined } });
    await store.flush();
    const crashed = await crashCopy();
    expect(await files(join(crashed, '..'))).toEqual(['store.json', 'store.json.journal']);

    const again = await LowdbStore.open(crashed);
    expect(await again.history('c1')).toEqual(await store.history('c1'));
    expect(await again.listRecords('note')).toEqual(await store.listRecords('note'));
    expect((await again.listRecords('note'))[0].subject).toBe('edited');
    expect(await again.listOutbox()).toEqual(await store.listOutbox());
    expect(await again.getMeta('last')).toBeUndefined();
    expect(await again.listUsers()).toEqual([{ id: 'u-ann' }]);
    expect(await again.dueWakeups(T0 + 10, 10)).toEqual([{ contactId: 'c1', at: T0 + 5 }]);
    // Folded in at open: the file alone holds it all, the journal starts empty.
    const data = JSON.parse(await readFile(crashed, 'utf8')) as StoreData;
    expect(data.history).toHaveLength(5);
    expect((await stat(`${crashed}.journal`)).size).toBe(0);
    await again.close();
    await store.close();
  });

  it('ignores a torn last line (a crash mid-append: never acknowledged) and appends cleanly after it', async () => {
    const store = await LowdbStore.open(file);
    await store.commit(step('c1', 1));
    await store.flush();
    const crashed = await crashCopy();
    await store.close();
    await appendFile(`${crashed}.journal`, '{"seq":2,"commit":{"contacts":[{"id":"torn"');

    const again = await LowdbStore.open(crashed);
    expect((await again.listContacts()).map((c) => c.id)).toEqual(['c1']);
    await again.commit(step('c2', 1));
    await again.flush();
    const crashedAgain = await LowdbStore.open(crashed); // reads the journal again: no glued line
    expect((await crashedAgain.listContacts()).map((c) => c.id)).toEqual(['c1', 'c2']);
    await crashedAgain.close();
    await again.close();
  });

  it('refuses a damaged line in the middle, naming the file, the line and what to do, and changes nothing', async () => {
    const store = await LowdbStore.open(file);
    for (let i = 1; i <= 3; i++) {
      await store.commit(step('c1', i));
      await store.flush();
    }
    const crashed = await crashCopy();
    await store.close();
    const lines = (await readFile(`${crashed}.journal`, 'utf8')).split('\n');
    lines[1] = lines[1].slice(0, 30); // cut mid-record, with a valid line after it
    await writeFile(`${crashed}.journal`, lines.join('\n'));
    const before = await readFile(crashed, 'utf8');

    const error = await LowdbStore.open(crashed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreFileError);
    const message = (error as Error).message;
    expect(message).toContain(`${crashed}.journal: line 2 is not valid JSON`);
    expect(message).toMatch(/1 line\(s\) follow it.*not modified.*--accept-journal-loss to keep the 1 line\(s\) before it/);
    expect(await readFile(crashed, 'utf8')).toBe(before);
    await expect(openStoreCopy(crashed)).rejects.toThrow(/line 2 is not valid JSON/);
  });

  for (const left of ['store.json.journal', 'store.json.journal.4']) {
    it(`a crash between writing the snapshot and removing the journal replays nothing twice (${left} left behind)`, async () => {
      const store = await LowdbStore.open(file);
      for (let i = 1; i <= 4; i++) await store.commit(step('c1', i));
      await store.flush();
      const journal = await readFile(`${file}.journal`, 'utf8');
      await store.close(); // snapshot written (journalSeq 4), journal removed ...
      await writeFile(join(dir, left), journal); // ... as if the crash came just before the removal

      const again = await LowdbStore.open(file);
      expect((await again.history('c1')).map((h) => h.message)).toEqual(['step 1', 'step 2', 'step 3', 'step 4']);
      expect(await files()).toEqual(['store.json', 'store.json.journal']);
      await again.commit(step('c1', 5));
      await again.close();
      const reopened = await LowdbStore.open(file);
      expect(await reopened.history('c1')).toHaveLength(5);
      await reopened.close();
    });
  }

  it('replays a rotated journal and the live one, in order, when a compaction was cut short', async () => {
    const store = await LowdbStore.open(file);
    for (let i = 1; i <= 3; i++) await store.commit(step('c1', i));
    await store.flush();
    const rotated = await readFile(`${file}.journal`, 'utf8');
    for (let i = 4; i <= 5; i++) await store.commit(step('c1', i));
    await store.flush();
    const crashed = await crashCopy();
    await store.close();
    // The state of a crash after rotating at seq 3, before the snapshot was renamed into place.
    const all = await readFile(`${crashed}.journal`, 'utf8');
    await writeFile(`${crashed}.journal.3`, rotated);
    await writeFile(`${crashed}.journal`, all.slice(rotated.length));

    const again = await LowdbStore.open(crashed);
    expect((await again.history('c1')).map((h) => h.message)).toEqual(['step 1', 'step 2', 'step 3', 'step 4', 'step 5']);
    expect(await files(join(crashed, '..'))).toEqual(['store.json', 'store.json.journal']);
    await again.close();
  });

  it('compacts in the background past the threshold: rotated journals go, the file holds everything', async () => {
    const store = await LowdbStore.open(file, { compactAtBytes: 2_000 });
    for (let i = 1; i <= 60; i++) {
      await store.commit(step(`c${i % 7}`, i));
      await store.flush();
    }
    await new Promise((r) => setTimeout(r, 100)); // let the last compaction finish
    expect(store.compactions).toBeGreaterThanOrEqual(2);
    expect(store.compactionError).toBeNull();
    expect((await files()).filter((n) => /journal\.\d+$/.test(n))).toEqual([]);
    const data = JSON.parse(await readFile(file, 'utf8')) as StoreData;
    expect(data.journalSeq).toBeGreaterThan(0);
    const crashed = await crashCopy();
    const again = await LowdbStore.open(crashed);
    expect(await again.listOutbox()).toEqual(await store.listOutbox());
    expect((await again.history('c1')).map((h) => h.message)).toEqual((await store.history('c1')).map((h) => h.message));
    await again.close();
    await store.close();
  });

  it('refuses a journal whose lines do not follow on from the store file (changes missing)', async () => {
    await (await LowdbStore.open(file)).close();
    await writeFile(`${file}.journal`, '{"seq":7,"commit":{"contacts":[{"id":"c1"}]}}\n');
    await expect(LowdbStore.open(file)).rejects.toThrow(/line 1 has seq 7, but the store file holds changes only up to 0.*missing.*older backup/);
  });

  it('refuses a journal without its store file', async () => {
    await writeFile(`${file}.journal`, '{"seq":1,"commit":{"contacts":[{"id":"c1"}]}}\n');
    await expect(LowdbStore.open(file)).rejects.toThrow(/store\.json: does not exist, but its journal .*store\.json\.journal does/);
  });

  it('a clean close leaves a plain lowdb file that lowdb reads, and no journal', async () => {
    const store = await LowdbStore.open(file);
    await store.commit(step('c1', 1));
    await store.putUsers([{ id: 'u-ann' }]);
    await store.close();
    expect(await files()).toEqual(['store.json']);
    const db = new Low<StoreData>(new JSONFile(file), {} as StoreData);
    await db.read();
    expect(db.data.contacts).toEqual([{ id: 'c1', visits: 1 }]);
    expect(db.data.users).toEqual([{ id: 'u-ann' }]);
    expect(db.data.history).toEqual([{ time: T0 + 1, contact: 'c1', message: 'step 1' }]);
    expect(db.data.notes.map((n) => n.id)).toEqual(['n-c1-1']);
    expect(db.data.journalSeq).toBe(2);
    // And opens again with the same content, numbering on from where it was.
    const again = await LowdbStore.open(file);
    await again.commit(step('c1', 2));
    await again.close();
    expect((JSON.parse(await readFile(file, 'utf8')) as StoreData).journalSeq).toBe(3);
  });

  it('a dry-run copy sees the journal of a running store, and touches neither file', async () => {
    const store = await LowdbStore.open(file);
    await store.commit(step('c1', 1));
    await store.flush();
    const journalBefore = await readFile(`${file}.journal`, 'utf8');
    const copy = await openStoreCopy(file);
    expect((await copy.listContacts()).map((c) => c.id)).toEqual(['c1']);
    await copy.commit(step('c2', 1));
    await copy.close();
    expect(await readFile(`${file}.journal`, 'utf8')).toBe(journalBefore);
    await store.close();
  });
});
