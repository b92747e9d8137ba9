/**
 * What `nudge serve` says at start-up about its store's files: an
 * interrupted last append dropped, damage given up with
 * `--accept-journal-loss`, files or folders found open to others (made
 * owner-only) and a store folder it leaves open (not its own `.nudge`).
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { LowdbStore } from '../store/lowdb-store';

interface StartLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** A warning for a store folder others can read that is not `.nudge` (a folder of the operator's: told, not changed). */
export function storeFolderWarnings(folder: string): string[] {
  if (process.platform === 'win32' || basename(folder) === '.nudge') return [];
  const mode = statSync(folder).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  return [`the store's folder ${folder} has mode 0${mode.toString(8)}: others can list it; make it owner-only (chmod 700) unless they must`];
}

export function logStoreOpening(log: StartLog, store: LowdbStore, tightened: Array<{ path: string; was: string }>, warnings: string[]): void {
  for (const t of store.opened.torn) {
    log.warn(t, `store journal ${t.file} ended with an interrupted write (${t.bytes} bytes at line ${t.line}, never acknowledged): dropped`);
  }
  const lost = store.opened.lost;
  if (lost !== null) {
    log.error(lost, `store journal ${lost.file}: line ${lost.line} ${lost.problem}; --accept-journal-loss gave up the lines from there on (copies kept: ${lost.copies.join(', ')})`);
  }
  for (const t of tightened) log.warn(t, `${t.path} had mode ${t.was} (others could read contacts' data): made owner-only`);
  for (const w of warnings) log.warn({}, w);
}
