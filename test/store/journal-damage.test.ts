/**
 * A journal whose end is damaged or zeroed held acknowledged changes: the
 * store refuses to open, names the file and the line and says what to do,
 * and leaves every file as it was. Only an interrupted last append (the
 * start of the next line, no line break) is dropped, and reported.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { StoreFileError } from '../../runtime/store/store-file-error';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nudge-damage-'));
  file = join(dir, 'store.json');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** 50 contacts, each acknowledged on its own (one journal line each), then what SIGKILL leaves: a copy of the files. */
async function crashedStore(): Promise<string> {
  const store = await LowdbStore.open(file);
  for (let i = 1; i <= 50; i++) {
    await store.commit({ contacts: [{ id: `c${String(i).padStart(2, '0')}`, firstName: `Contact ${i}` }] });
    await store.flush();
  }
  const to = await mkdtemp(join(dir, 'crash-'));
  for (const name of await readdir(dir)) if (name.startsWith('store.json')) await copyFile(join(dir, name), join(to, name));
  await store.close();
  return join(to, 'store.json');
}

/** Rewrites the last `count` complete lines of the journal with `damage` (same length). */
async function damageLastLines(journal: string, count: number, damage: (line: string) => string): Promise<void> {
  const lines = (await readFile(journal, 'utf8')).split('\n');
  const whole = lines.length - 1; // the text ends with a line break
  for (let i = whole - count; i < whole; i++) lines[i] = damage(lines[i]);
  await writeFile(journal, lines.join('\n'));
}

const damages: Record<string, (journal: string) => Promise<void>> = {
  'zeroed, line breaks included': async (journal) => {
    const bytes = await readFile(journal);
    const lines = bytes.toString('utf8').split('\n');
    const keep = Buffer.byteLength(lines.slice(0, lines.length - 31).join('\n') + '\n');
    bytes.fill(0, keep);
    await writeFile(journal, bytes);
  },
  'zeroed line by line': (journal) => damageLastLines(journal, 30, (l) => '\0'.repeat(l.length)),
  'overwritten with other text': (journal) => damageLastLines(journal, 30, (l) => 'x'.repeat(l.length)),
  'a value changed, JSON still valid': (journal) => damageLastLines(journal, 30, (l) => l.replace('Contact', 'Cantact')),
};

describe('a damaged journal tail', () => {
  for (const [name, damage] of Object.entries(damages)) {
    it(`(${name}) stops the open with the file, the line and what to do, and changes no file`, async () => {
      const crashed = await crashedStore();
      const journal = `${crashed}.journal`;
      await damage(journal);
      const before = { store: await readFile(crashed), journal: await readFile(journal) };

      const error = await LowdbStore.open(crashed).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreFileError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain(`${journal}: line 21 `);
      expect(message).toMatch(/acknowledged/);
      expect(message).toMatch(/Restore the store file and its journal together from a backup, or start with --accept-journal-loss/);
      // Nothing dropped, nothing deleted: the journal is still there to recover from.
      expect(await readFile(crashed)).toEqual(before.store);
      expect(await readFile(journal)).toEqual(before.journal);
    });
  }

  it('with acceptJournalLoss opens with the lines before the damage, after copying the damaged journal beside it', async () => {
    const crashed = await crashedStore();
    const journal = `${crashed}.journal`;
    await damages['overwritten with other text'](journal);
    const damaged = await readFile(journal);

    const store = await LowdbStore.open(crashed, { acceptJournalLoss: true });
    expect(await store.countContacts()).toBe(20);
    expect(store.opened.lost).toMatchObject({ file: journal, line: 21 });
    const [copy] = store.opened.lost!.copies;
    expect(copy).toMatch(/store\.json\.journal\.damaged-/);
    expect(await readFile(copy)).toEqual(damaged);
    await store.commit({ contacts: [{ id: 'after' }] });
    await store.close();
    const again = await LowdbStore.open(crashed);
    expect(await again.countContacts()).toBe(21);
    await again.close();
    expect(await readFile(copy)).toEqual(damaged); // kept, never replayed
  });

  it('an interrupted last append (the start of the next line, no line break) is dropped and reported', async () => {
    const crashed = await crashedStore();
    const journal = `${crashed}.journal`;
    await appendFile(journal, '{"seq":51,"commit":{"contacts":[{"id":"to');
    const store = await LowdbStore.open(crashed);
    expect(await store.countContacts()).toBe(50);
    expect(store.opened.torn).toEqual([{ file: journal, line: 51, bytes: 41 }]);
    await store.close();
  });

  it('a tail with no line break that is not the start of the next line is damage', async () => {
    const crashed = await crashedStore();
    await appendFile(`${crashed}.journal`, '{"seq":7,"commit":{}}');
    await expect(LowdbStore.open(crashed)).rejects.toThrow(/line 51 is 21 byte\(s\) with no line break that are not the start of line seq 51/);
  });

  it('still reads a journal written before line checksums (plain JSON lines)', async () => {
    await writeFile(file, JSON.stringify({ schemaVersion: 1, journalSeq: 0, contacts: [] }));
    await writeFile(`${file}.journal`, '{"seq":1,"commit":{"contacts":[{"id":"old"}]}}\n{"seq":2,"putUsers":[{"id":"u1"}]}\n');
    const store = await LowdbStore.open(file);
    expect((await store.listContacts()).map((c) => c.id)).toEqual(['old']);
    expect(await store.listUsers()).toEqual([{ id: 'u1' }]);
    await store.close();
  });
});
