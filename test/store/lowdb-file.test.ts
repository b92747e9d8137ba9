/**
 * What only the file store does: group commit into the journal, atomic
 * snapshot writes, refusing (and never overwriting) a damaged file.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalFile } from '../../runtime/store/journal-file';
import { openStoreCopy } from '../../runtime/store/copy-store';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { StoreFileError } from '../../runtime/store/store-file-error';
import { T0, fulfillment, order } from './fixtures';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nudge-lowdb-'));
  file = join(dir, 'store.json');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const onDisk = async () => JSON.parse(await readFile(file, 'utf8'));
/** Contact ids as a restart would find them: the snapshot plus the journal. */
const durableIds = async () => (await (await openStoreCopy(file)).listContacts()).map((c) => c.id);

describe('LowdbStore file', () => {
  it('creates a missing file at open, with its schema version', async () => {
    const store = await LowdbStore.open(file);
    expect(await onDisk()).toMatchObject({ schemaVersion: 1, contacts: [], wakeups: [], meta: {} });
    await store.close();
  });

  it('says so when a new file cannot be created', async () => {
    const missing = join(dir, 'no-such-dir', 'store.json');
    await expect(LowdbStore.open(missing)).rejects.toThrow(/no-such-dir\/store\.json: does not exist and cannot be created \(ENOENT\).*directory exists/);
  });

  it('groups 50 unawaited commits into far fewer journal appends, and the journal holds all 50', async () => {
    const store = await LowdbStore.open(file);
    const append = vi.spyOn(JournalFile.prototype, 'append');
    for (let i = 0; i < 50; i++) void store.commit({ contacts: [{ id: `c${String(i).padStart(2, '0')}` }] });
    await store.flush();
    expect(append.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(append.mock.calls.length).toBeLessThanOrEqual(2);
    expect(store.writes).toBe(append.mock.calls.length);
    expect(await durableIds()).toHaveLength(50);
    expect((await onDisk()).contacts).toEqual([]); // the snapshot is not rewritten per commit
    await store.close();
    expect((await onDisk()).contacts).toHaveLength(50);
  });

  it('keeps one append in progress and at most one queued, however many commits arrive meanwhile', async () => {
    const store = await LowdbStore.open(file);
    const original = JournalFile.prototype.append;
    const append = vi.spyOn(JournalFile.prototype, 'append').mockImplementation(async function (this: JournalFile, text) {
      await new Promise((r) => setTimeout(r, 30)); // a slow disk
      return original.call(this, text);
    });
    for (let i = 0; i < 20; i++) {
      await store.commit({ contacts: [{ id: `c${i}` }] });
      await new Promise((r) => setTimeout(r, 5)); // commits keep arriving while the first append runs
    }
    await store.flush();
    expect(append.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(append.mock.calls.length).toBeLessThanOrEqual(5);
    expect(await durableIds()).toHaveLength(20);
    await store.close();
  });

  it('flush resolves once the data as of its call is on disk, and does not append when nothing changed', async () => {
    const store = await LowdbStore.open(file);
    const before = store.writes;
    await store.flush();
    expect(store.writes).toBe(before);
    await store.commit({ contacts: [{ id: 'c1' }] });
    const flushed = store.flush();
    await store.commit({ contacts: [{ id: 'c2' }] });
    await flushed;
    expect(await durableIds()).toContain('c1');
    await store.flush();
    expect(await durableIds()).toEqual(['c1', 'c2']);
    await store.close();
  });

  it('writes derived tags and invoices for readers of the file, and ignores them when opening', async () => {
    const store = await LowdbStore.open(file);
    await store.commit({
      contacts: [{ id: 'c1', tags: ['VIP', 'Customer'] }, { id: 'c2', tags: ['Customer'] }],
      records: [order('o1', 'c1'), fulfillment('beans', 'c2')],
    });
    await store.close();
    const data = await onDisk();
    expect(data.tags).toEqual(['Customer', 'VIP']);
    expect(data.invoices).toEqual([{ id: 'inv-o1', orderId: 'o1', contactId: 'c1', total: 25, payable: true, status: 'invoiced', at: T0 }]);
    expect(Object.keys(data.fulfillmentLists)).toEqual(['beans']);
    await writeFile(file, JSON.stringify({ ...data, tags: ['Stale'], invoices: [] }));
    const again = await LowdbStore.open(file);
    expect((await again.listRecords('order'))[0].invoice).toEqual({ id: 'inv-o1', payable: true });
    await again.commit({ meta: { touched: true } });
    await again.close();
    expect((await onDisk()).tags).toEqual(['Customer', 'VIP']);
  });

  it('a failed append (disk full) rejects flush and undoes the change: memory and disk agree, and later changes go on', async () => {
    const store = await LowdbStore.open(file);
    await store.commit({ contacts: [{ id: 'c1' }] });
    await store.flush();
    vi.spyOn(JournalFile.prototype, 'append').mockRejectedValueOnce(Object.assign(new Error('no space left'), { code: 'ENOSPC' }));
    await store.commit({ contacts: [{ id: 'c2' }] });
    await expect(store.flush()).rejects.toThrow(StoreFileError);
    await expect(store.flush()).resolves.toBeUndefined(); // nothing pending any more
    expect(await store.countContacts()).toBe(1);
    await store.commit({ contacts: [{ id: 'c3' }] });
    await store.flush();
    expect(await durableIds()).toEqual(['c1', 'c3']);
    const journal = await readFile(`${file}.journal`, 'utf8');
    expect(journal).not.toContain('"c2"');
    await store.close();
  });

  it('the failure names the journal and says the changes were undone', async () => {
    const store = await LowdbStore.open(file);
    vi.spyOn(JournalFile.prototype, 'append').mockRejectedValue(Object.assign(new Error('no space left'), { code: 'ENOSPC' }));
    await store.commit({ contacts: [{ id: 'c1' }] });
    await expect(store.flush()).rejects.toThrow(/store\.json\.journal: could not be appended to \(ENOSPC\).*undone.*Free disk space/);
    expect(store.writeProblem()).toMatch(/ENOSPC/);
    vi.restoreAllMocks();
    await store.close();
    expect((await onDisk()).contacts).toEqual([]);
  });

  it('compacts through a temp file: a failed snapshot write leaves the file and the journal as they were', async () => {
    const store = await LowdbStore.open(file);
    await store.commit({ contacts: [{ id: 'c1' }] });
    await store.flush();
    const good = await readFile(file, 'utf8');
    const temp = join(dir, '.store.json.tmp');
    await mkdir(temp); // the temp file cannot be written: the store file must not be touched
    await expect(store.close()).rejects.toThrow(/store\.json: could not be written.*the journal every change since/);
    expect(await readFile(file, 'utf8')).toBe(good);
    await rm(temp, { recursive: true });
    const again = await LowdbStore.open(file);
    expect((await again.listContacts()).map((c) => c.id)).toEqual(['c1']);
    await again.close();
  });

  describe('refuses a damaged or foreign file, naming it, and never overwrites it', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['not JSON', '{"schemaVersion": 1, "contacts": [', /is not valid JSON/],
      ['empty', '', /is empty/],
      ['an array', '[]', /holds an array/],
      ['no schemaVersion', '{"contacts": []}', /no schemaVersion.*not a Nudge store/],
      ['from a newer Nudge', '{"schemaVersion": 99}', /newer Nudge.*Upgrade/],
      ['contact without id', '{"schemaVersion": 1, "contacts": [{"id": "c1"}, {"email": "x@example.com"}]}', /contacts\[1\]: id must be/],
      ['duplicate contact id', '{"schemaVersion": 1, "contacts": [{"id": "c1"}, {"id": "c1"}]}', /contacts\[1\]: id "c1" is also contacts\[0\]'s/],
      ['wake-up not an instant', '{"schemaVersion": 1, "wakeups": [{"contactId": "c1", "at": "soon"}]}', /wakeups\[0\]: at must be/],
      ['record in the wrong list', '{"schemaVersion": 1, "notes": [{"type": "task", "id": "t1", "contactId": "c1"}]}', /notes\[0\]: type must be "note"/],
      ['collection of the wrong type', '{"schemaVersion": 1, "outbox": {}}', /outbox must be an array/],
    ];
    for (const [what, text, message] of cases) {
      it(what, async () => {
        await writeFile(file, text);
        const before = await stat(file);
        const error = await LowdbStore.open(file).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreFileError);
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).toContain(file);
        expect((error as Error).message).toMatch(/not modified/);
        expect(await readFile(file, 'utf8')).toBe(text);
        expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
      });
    }

    it('a path that is a directory', async () => {
      await expect(LowdbStore.open(dir)).rejects.toThrow(/cannot be read \(EISDIR\).*not a directory/);
    });
  });
});

describe('LowdbStore: a failed append undoes every change not on disk', () => {
  it('changes committed while the failing append ran are undone too; reads and a reopen agree; flushes of later changes resolve', async () => {
    const { open } = await import('node:fs/promises');
    let failNext: { release: () => void; gate: Promise<void> } | null = null;
    const path = join(await mkdtemp(join(tmpdir(), 'nudge-undo-')), 'store.json');
    const store = await LowdbStore.open(path, {
      openJournal: async (p, flags, mode) => {
        const handle = await open(p, flags, mode);
        const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
        (handle as unknown as { write: (...a: unknown[]) => Promise<unknown> }).write = async (...args: unknown[]) => {
          const failing = failNext;
          if (failing === null) return write(...args);
          failNext = null;
          await failing.gate;
          throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
        };
        return handle;
      },
    });
    await store.commit({ contacts: [{ id: 'kept' }] });
    await store.flush();
    let release!: () => void;
    failNext = { gate: new Promise<void>((r) => (release = r)), release: () => release() };
    await store.commit({ contacts: [{ id: 'a' }], meta: { m: 1 } });
    const flushA = store.flush();
    await new Promise((r) => setImmediate(r)); // the append of 'a' is under way
    await store.commit({ contacts: [{ id: 'b' }] }); // applied on top of 'a', queued behind it
    const flushB = store.flush();
    release();
    await expect(flushA).rejects.toThrow(/could not be appended to \(EIO\).*undone/);
    await expect(flushB).rejects.toThrow(/undone/);
    expect((await store.listContacts()).map((c) => c.id)).toEqual(['kept']);
    expect(await store.getMeta('m')).toBeUndefined();
    expect(store.writeProblem()).toMatch(/EIO/);
    await store.commit({ contacts: [{ id: 'c' }] });
    await store.flush();
    expect(store.writeProblem()).toBeNull();
    await store.close();
    const again = await LowdbStore.open(path);
    expect((await again.listContacts()).map((c) => c.id)).toEqual(['c', 'kept']);
    await again.close();
  });
});
