/**
 * One compaction: the store's state as of journal line `data.journalSeq`
 * becomes the store file, and only then are the rotated journal files it
 * covers deleted. The order is what makes a crash harmless at every point:
 * before the rename the old file and every journal are intact; after it,
 * the file names `seq` and replay skips the lines it already holds.
 */
import { rm } from 'node:fs/promises';
import { journalFiles, journalPath } from './journal-read';
import { writeSnapshot, type AtomicFileWriter, type SnapshotTiming } from './snapshot-file';
import type { StoreData } from './store-data';
import { StoreFileError } from './store-file-error';

export const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

export async function compactStore(writer: AtomicFileWriter, file: string, data: StoreData, sliced: boolean): Promise<SnapshotTiming> {
  const seq = data.journalSeq ?? 0;
  let timing: SnapshotTiming;
  try {
    timing = await writeSnapshot(writer, file, data, { sliced });
  } catch (error) {
    throw new StoreFileError(
      file,
      `could not be written (${errorCode(error)}); it still holds the last complete write, and the journal every change since`,
      'Free disk space or fix the permissions of its directory.',
      { cause: error },
    );
  }
  // Rotated files are numbered by the last line they can hold: those up to `seq` are in the file now.
  const live = journalPath(file);
  for (const f of await journalFiles(file)) {
    if (f !== live && Number(f.slice(live.length + 1)) <= seq) await rm(f, { force: true });
  }
  return timing;
}
