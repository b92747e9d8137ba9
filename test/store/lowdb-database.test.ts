/**
 * LowdbStore sits on lowdb: its database is a `Low` whose adapter reads
 * the snapshot and replays the journal, and every snapshot is written
 * through lowdb's TextFile (steno's atomic Writer), as ~1 MB chunks
 * fsync'd before the rename, a slice at a time while the store serves.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile, TextFile } from 'lowdb/node';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { StoreFileAdapter } from '../../runtime/store/store-file-adapter';
import type { StoreData } from '../../runtime/store/store-data';
import { T0, note } from './fixtures';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nudge-lowdb-db-'));
  file = join(dir, 'store.json');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const contacts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${String(i).padStart(6, '0')}`, email: `c${i}@example.test`, tags: ['Lead'] }));

describe('LowdbStore on lowdb', () => {
  it('is a lowdb database whose adapter is the store file, and a clean close leaves what lowdb JSONFile reads back as db.data', async () => {
    const store = await LowdbStore.open(file);
    expect(store.db).toBeInstanceOf(Low);
    expect(store.db.adapter).toBeInstanceOf(StoreFileAdapter);
    await store.commit({ contacts: [{ id: 'c1', tags: ['VIP'] }], records: [note('n1', 'c1')], history: [{ time: T0, contact: 'c1', message: 'hi' }] });
    await store.putUsers([{ id: 'u-ann' }]);
    await store.close();
    expect(store.db.data.journalSeq).toBe(2);
    expect(store.db.data.contacts).toEqual([{ id: 'c1', tags: ['VIP'] }]);

    const plain = new Low<StoreData>(new JSONFile(file), {} as StoreData);
    await plain.read();
    expect(plain.data).toEqual(store.db.data);
    expect(plain.data).toEqual({ ...store.snapshot(), journalSeq: 2 });
  });

  it("opening is the adapter's read: the snapshot with the journal replayed becomes db.data", async () => {
    const store = await LowdbStore.open(file);
    await store.commit({ contacts: [{ id: 'c1' }] });
    await store.flush();
    // What a crash leaves: the snapshot (still empty) and the journal.
    const crashed = join(await mkdtemp(join(dir, 'crash-')), 'store.json');
    await copyFile(file, crashed);
    await copyFile(`${file}.journal`, `${crashed}.journal`);
    const adapter = new StoreFileAdapter(crashed, new TextFile(crashed));
    expect((await adapter.read())?.contacts).toEqual([{ id: 'c1' }]);
    const again = await LowdbStore.open(crashed);
    expect(again.db.data.contacts).toEqual([{ id: 'c1' }]);
    expect(again.db.data.journalSeq).toBe(1);
    await again.close();
    await store.close();
  });

  it("writes every snapshot through lowdb's TextFile as chunks, the temp file fsync'd before lowdb renames it", async () => {
    const write = vi.spyOn(TextFile.prototype, 'write');
    const probe = await open(join(dir, 'probe'), 'w');
    const handles = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
    await probe.close();
    const temp = join(dir, '.store.json.tmp');
    let tempAtSync: string | null = null;
    const original = handles.sync;
    vi.spyOn(handles, 'sync').mockImplementation(async function (this: { sync(): Promise<void> }) {
      if (existsSync(temp)) tempAtSync = readFileSync(temp, 'utf8');
      return original.call(this);
    });
    const store = await LowdbStore.open(file);
    expect(write).toHaveBeenCalledTimes(1); // the new file, created at open
    await store.commit({ contacts: contacts(3_000) });
    await store.close();
    expect(write).toHaveBeenCalledTimes(2);
    const chunks = write.mock.calls[1][0] as unknown;
    expect(typeof chunks).not.toBe('string');
    expect(Symbol.asyncIterator in (chunks as object)).toBe(true);
    expect(tempAtSync).toBe(await readFile(file, 'utf8'));
  });

  it('a background compaction gives the event loop turns while it serialises a big store, a slice at a time', async () => {
    const store = await LowdbStore.open(file, { compactAtBytes: 1 });
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    // Turns of the event loop while the writer waits for its first chunk: while that chunk is serialised.
    const turnsToFirstChunk: number[] = [];
    const original = TextFile.prototype.write;
    vi.spyOn(TextFile.prototype, 'write').mockImplementation(function (this: TextFile, chunks: unknown) {
      async function* counted() {
        const iterator = (chunks as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
        const asked = turns;
        let next = await iterator.next();
        turnsToFirstChunk.push(turns - asked);
        for (; !next.done; next = await iterator.next()) yield next.value;
      }
      return original.call(this, counted() as unknown as string);
    });
    const done = new Promise<void>((resolve) => (store.onCompaction = () => resolve()));
    // 40k small contacts: 20 slices of 2,000, all in the first ~1 MB chunk.
    await store.commit({ contacts: Array.from({ length: 40_000 }, (_, i) => ({ id: `c${i}` })) });
    setImmediate(tick);
    await store.flush(); // the append past the threshold starts a compaction in the background
    await done;
    ticking = false;
    expect(store.compactionError).toBeNull();
    expect(turnsToFirstChunk).toHaveLength(1);
    expect(turnsToFirstChunk[0]).toBeGreaterThanOrEqual(20);
    expect(store.db.data.contacts).toHaveLength(40_000);
    await store.close();
  });
});
