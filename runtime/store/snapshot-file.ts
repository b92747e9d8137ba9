/**
 * Writing the store file (the snapshot) crash-safely, through lowdb's
 * atomic file writer (steno's Writer, which lowdb's TextFile wraps): the
 * text goes to a temp file beside it (`.<name>.tmp`), is renamed over the
 * store file, and the directory is fsync'd. steno does not fsync the temp
 * file before the rename, so the text's last step does (see snapshotChunks):
 * a crash at any point, power loss included, leaves the old file or the
 * new one, never half of one, and once this resolves the journal lines it
 * holds may be deleted.
 *
 * The text is produced in pieces (store-json's storePieces) and handed to
 * the writer as an async iterable of ~1 MB chunks, not as one string: with
 * `sliced`, the event loop gets a turn between pieces, so at 50k contacts a
 * compaction costs requests a few milliseconds at a time instead of one
 * long stall, and the whole text is never held (or encoded) at once.
 */
import { open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDir } from './journal-file';
import { OWNER_FILE_MODE } from './owner-only';
import { storePieces } from './store-json';

export interface SnapshotTiming {
  /** Wall time from start to the rename being durable. */
  ms: number;
  /** Longest single stretch the event loop was blocked (one piece, or the final join). */
  longestBlockMs: number;
  bytes: number;
}

/**
 * A writer that puts the chunks in a temp file and renames it over its
 * file once they are all written, as steno's Writer does (it passes them
 * on to fs.promises.writeFile, which takes an async iterable).
 */
export interface AtomicFileWriter {
  write(chunks: AsyncIterable<Buffer>): Promise<void>;
}

const WRITE_AT = 1 << 20; // hand the writer a chunk every ~1 MB of text

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The temp file steno's Writer writes before its rename. */
const tempPathOf = (file: string): string => join(dirname(file), `.${basename(file)}.tmp`);

/** Writes `data` as the store file at `file` through `writer`; without `sliced`, serialises in one go (open and close: nothing else runs). */
export async function writeSnapshot(
  writer: AtomicFileWriter,
  file: string,
  data: object,
  options: { sliced: boolean },
): Promise<SnapshotTiming> {
  const started = performance.now();
  const temp = tempPathOf(file);
  const measured = { longestBlockMs: 0, bytes: 0 };
  try {
    await writer.write(snapshotChunks(data, temp, options.sliced, measured));
  } catch (error) {
    await rm(temp, { force: true, recursive: false }).catch(() => undefined);
    throw error;
  }
  await syncDir(dirname(file));
  return { ms: performance.now() - started, ...measured };
}

/**
 * The store file's bytes, ~1 MB at a time. The writer asks for the next
 * chunk only once the previous one is written, so after the last one every
 * byte is in the temp file, and fsyncing it there (before the generator
 * ends, so before the writer renames it) makes the rename publish a file
 * whose content is on disk.
 */
async function* snapshotChunks(
  data: object,
  temp: string,
  sliced: boolean,
  measured: { longestBlockMs: number; bytes: number },
): AsyncGenerator<Buffer> {
  let pending = '';
  let blockStart = performance.now();
  const take = (): Buffer => {
    const chunk = Buffer.from(pending, 'utf8');
    pending = '';
    measured.longestBlockMs = Math.max(measured.longestBlockMs, performance.now() - blockStart);
    measured.bytes += chunk.length;
    return chunk;
  };
  for (const piece of storePieces(data)) {
    pending += piece;
    if (pending.length >= WRITE_AT) {
      yield take();
      blockStart = performance.now();
    } else if (sliced) {
      measured.longestBlockMs = Math.max(measured.longestBlockMs, performance.now() - blockStart);
      await nextTurn();
      blockStart = performance.now();
    }
  }
  yield take();
  const handle = await open(temp, 'r+');
  try {
    // Contacts' data: owner-only, before the rename makes it the store file (steno creates it with the umask's mode).
    if (process.platform !== 'win32') await handle.chmod(OWNER_FILE_MODE);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
