/**
 * Writing the store file (the snapshot) crash-safely: the text goes to a
 * temp file beside it (`.<name>.tmp`, the name lowdb's writer uses), is
 * fsync'd, renamed over the store file, and the directory is fsync'd. A
 * crash at any point leaves the old file or the new one, never half of one,
 * and once this resolves the journal lines it holds may be deleted.
 *
 * The text is produced in pieces (store-json's storePieces) and the event
 * loop gets a turn between pieces, so at 50k contacts a compaction costs
 * requests a few milliseconds at a time instead of one long stall.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDir } from './journal-file';
import { storePieces } from './store-json';

export interface SnapshotTiming {
  /** Wall time from start to the rename being durable. */
  ms: number;
  /** Longest single stretch the event loop was blocked (one piece, or the final join). */
  longestBlockMs: number;
  bytes: number;
}

const WRITE_AT = 1 << 20; // write to the temp file every ~1 MB of text

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes `data` as the store file at `file`; `chunked: false` serialises in one go (open and close: nothing else runs). */
export async function writeSnapshot(file: string, data: object, options: { chunked: boolean }): Promise<SnapshotTiming> {
  const started = performance.now();
  const temp = join(dirname(file), `.${basename(file)}.tmp`);
  let longestBlockMs = 0;
  let bytes = 0;
  const handle = await open(temp, 'w');
  try {
    let pending = '';
    let blockStart = performance.now();
    for (const piece of storePieces(data)) {
      pending += piece;
      if (pending.length >= WRITE_AT) {
        const chunk = Buffer.from(pending, 'utf8');
        pending = '';
        longestBlockMs = Math.max(longestBlockMs, performance.now() - blockStart);
        await handle.writeFile(chunk);
        bytes += chunk.length;
        blockStart = performance.now();
      } else if (options.chunked) {
        longestBlockMs = Math.max(longestBlockMs, performance.now() - blockStart);
        await nextTurn();
        blockStart = performance.now();
      }
    }
    const chunk = Buffer.from(pending, 'utf8');
    longestBlockMs = Math.max(longestBlockMs, performance.now() - blockStart);
    await handle.writeFile(chunk);
    bytes += chunk.length;
    await handle.sync();
    await handle.close();
    await rename(temp, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true, recursive: false }).catch(() => undefined);
    throw error;
  }
  await syncDir(dirname(file));
  return { ms: performance.now() - started, longestBlockMs, bytes };
}
