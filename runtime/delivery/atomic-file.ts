/**
 * Writes outbox files atomically (temp file in the same folder, then
 * rename): whatever picks files up from the outbox (a fax gateway, a print
 * shop's sync) never sees half a file, and a crash mid-write leaves the old
 * file or none.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Folders made by this process: a busy outbox writes thousands of files a second into the same few. */
const made = new Set<string>();

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  if (!made.has(dir)) {
    await mkdir(dir, { recursive: true });
    made.add(dir);
  }
  const temp = join(dir, `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    made.delete(dir); // the folder may have been removed meanwhile: make it again next time
    throw error;
  }
}
