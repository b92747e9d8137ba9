/**
 * A store file opened as a private copy in memory: the dry run simulates on
 * real data without touching it. Nothing here can write: the file is read
 * once with readFile and never handed to lowdb, so however many commits the
 * simulation makes, the file's bytes and mtime stay as they were.
 */
import { resolve } from 'node:path';
import { MemoryStore } from './memory-store';
import { readStoreFile } from './read-store-file';
import { StoreFileError } from './store-file-error';

/** @throws StoreFileError if the file is missing, unreadable or not a sound store. */
export async function openStoreCopy(file: string): Promise<MemoryStore> {
  const path = resolve(file);
  const data = await readStoreFile(path);
  if (data === null) {
    throw new StoreFileError(path, 'does not exist', 'Check the path; a dry run needs an existing store to copy.', {
      exists: false,
    });
  }
  // The data was just parsed and nobody else holds it: adopt it without copying.
  return new MemoryStore(data, true);
}
