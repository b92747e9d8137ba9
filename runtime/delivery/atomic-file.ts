/**
 * Writes outbox files atomically (temp file in the same folder, then
 * rename): whatever picks files up from the outbox (a fax gateway, a print
 * shop's sync) never sees half a file, and a crash mid-write leaves the old
 * file or none. Files are created owner-only (0600, folders 0700): an
 * email holds a contact's data as surely as the store does.
 *
 * On the server's delivery thread the writes are synchronous
 * (`useSyncFileWrites()`): they then block only that thread, instead of
 * queueing four operations per email in libuv's pool of four threads,
 * which the whole process shares and where the store's journal appends
 * (what every acknowledgement waits for) queued behind them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Folders made by this process: a busy outbox writes thousands of files a second into the same few. */
const made = new Set<string>();
let sync = false;

/** Write outbox files synchronously from now on: only for a thread that does nothing else (the delivery thread). */
export function useSyncFileWrites(on = true): void {
  sync = on;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (sync) {
      if (!made.has(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
      made.add(dir);
      writeFileSync(temp, data, { mode: 0o600 });
      renameSync(temp, path);
      return;
    }
    if (!made.has(dir)) await mkdir(dir, { recursive: true, mode: 0o700 });
    made.add(dir);
    await writeFile(temp, data, { mode: 0o600 });
    await rename(temp, path);
  } catch (error) {
    if (sync) rmSync(temp, { force: true });
    else await rm(temp, { force: true });
    made.delete(dir); // the folder may have been removed meanwhile: make it again next time
    throw error;
  }
}
