/**
 * A store file opened as a private copy in memory: the dry run simulates on
 * real data without touching it. Nothing here can write: the file and its
 * journal are read once with readFile and never handed to a writer, so
 * however many commits the simulation makes, their bytes and mtimes stay
 * as they were. The journal is replayed, so a copy of a running server's
 * store sees every change it has acknowledged, not only the last snapshot.
 */
import { resolve } from 'node:path';
import { replayJournal } from './journal-read';
import { MemoryStore } from './memory-store';
import { readStoreFile } from './read-store-file';
import { StoreFileError } from './store-file-error';

class CopyStore extends MemoryStore {
  replay(file: string, afterSeq: number) {
    return replayJournal(this.core, file, afterSeq);
  }
}

/** @throws StoreFileError if the file is missing, unreadable or not a sound store (or its journal is damaged). */
export async function openStoreCopy(file: string): Promise<MemoryStore> {
  const path = resolve(file);
  const data = await readStoreFile(path);
  if (data === null) {
    throw new StoreFileError(path, 'does not exist', 'Check the path; a dry run needs an existing store to copy.', {
      exists: false,
    });
  }
  // The data was just parsed and nobody else holds it: adopt it without copying.
  const store = new CopyStore(data, true);
  await store.replay(path, data.journalSeq ?? 0);
  return store;
}
