/**
 * The store's files hold every contact's data: created owner-only, and
 * tightened (and reported) when found open to others. The journal is
 * never removed before a snapshot holding its lines is written.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendFile, chmod, copyFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextFile } from 'lowdb/node';
import { LowdbStore } from '../../runtime/store/lowdb-store';

const posix = process.platform !== 'win32';
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nudge-modes-'));
  file = join(dir, 'store.json');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!posix)('store file modes', () => {
  it('creates the store file and its journal 0600, and keeps the snapshot 0600 after compactions', async () => {
    const store = await LowdbStore.open(file, { compactAtBytes: 1 });
    await store.commit({ contacts: [{ id: 'c1' }] });
    await store.flush();
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(`${file}.journal`)).toBe(0o600);
    await store.close();
    expect(await modeOf(file)).toBe(0o600);
  });

  it('tightens a store file and journal found readable by others, and says so', async () => {
    await writeFile(file, JSON.stringify({ schemaVersion: 1, contacts: [{ id: 'c1' }] }));
    await chmod(file, 0o644);
    const store = await LowdbStore.open(file);
    expect(store.opened.tightened).toEqual([{ path: file, was: '0644' }]);
    expect(await modeOf(file)).toBe(0o600);
    await store.close();
  });
});

describe('the journal is kept until a snapshot holds it', () => {
  it('an open whose snapshot write fails leaves the journal (torn tail included) as it was', async () => {
    const store = await LowdbStore.open(file);
    for (let i = 1; i <= 5; i++) {
      await store.commit({ contacts: [{ id: `c${i}` }] });
      await store.flush();
    }
    const crash = join(dir, 'crash');
    await rm(crash, { recursive: true, force: true });
    await (await import('node:fs/promises')).mkdir(crash);
    for (const name of await readdir(dir)) if (name.startsWith('store.json')) await copyFile(join(dir, name), join(crash, name));
    await store.close();
    const crashed = join(crash, 'store.json');
    await appendFile(`${crashed}.journal`, '{"seq":6,"comm');
    const journal = await readFile(`${crashed}.journal`);

    vi.spyOn(TextFile.prototype, 'write').mockRejectedValue(Object.assign(new Error('no space left'), { code: 'ENOSPC' }));
    await expect(LowdbStore.open(crashed)).rejects.toThrow(/ENOSPC/);
    expect(await readFile(`${crashed}.journal`)).toEqual(journal);
    vi.restoreAllMocks();
    const again = await LowdbStore.open(crashed);
    expect(await again.countContacts()).toBe(5);
    await again.close();
  });
});
