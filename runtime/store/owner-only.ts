/**
 * Store files hold every contact's data: they are created readable by
 * their owner only (files 0600, folders 0700), and a file or folder found
 * with wider modes is tightened, with the caller told so it can warn.
 * Windows has no POSIX modes: nothing to do there.
 */
import { chmod, stat } from 'node:fs/promises';

export const OWNER_FILE_MODE = 0o600;
export const OWNER_DIR_MODE = 0o700;

const posix = process.platform !== 'win32';

/**
 * Removes group and other permissions from `path` if it has any; resolves
 * to the mode it had (e.g. `0644`) when it was tightened, else `null`
 * (also when it does not exist).
 */
export async function tightenMode(path: string, mode: number): Promise<string | null> {
  if (!posix) return null;
  let was: number;
  try {
    was = (await stat(path)).mode & 0o777;
  } catch {
    return null;
  }
  if ((was & 0o077) === 0) return null;
  await chmod(path, mode);
  return `0${was.toString(8)}`;
}
