/**
 * Reading a store's journal files back: the live `<store>.journal` and the
 * rotated `<store>.journal.<n>` a compaction has not finished with yet,
 * oldest first.
 *
 * A crash in the middle of an append leaves a partial last line (or, on
 * some file systems, zero bytes where the tail should be). That write was
 * never acknowledged, so an unreadable tail with no valid line after it is
 * dropped. An unreadable line *followed* by valid ones is damage, not a
 * torn write: it is refused with the file, the line number and what to do,
 * since silently skipping it would lose acknowledged changes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { applyOp, decodeOp, type JournalLine } from './journal-ops';
import type { StoreCore } from './store-core';
import { StoreFileError } from './store-file-error';

export const journalPath = (storeFile: string): string => `${storeFile}.journal`;
export const rotatedPath = (storeFile: string, n: number): string => `${storeFile}.journal.${n}`;

/** Rotated journals (oldest first), then the live one, as far as they exist. */
export async function journalFiles(storeFile: string): Promise<string[]> {
  const prefix = `${basename(storeFile)}.journal`;
  let names: string[];
  try {
    names = await readdir(dirname(storeFile));
  } catch {
    return [];
  }
  const rotated = names
    .map((n) => (n.startsWith(`${prefix}.`) ? /^\d+$/.exec(n.slice(prefix.length + 1))?.[0] : undefined))
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
    .map((n) => rotatedPath(storeFile, n));
  return names.includes(prefix) ? [...rotated, join(dirname(storeFile), prefix)] : rotated;
}

export interface JournalContents {
  files: string[];
  lines: JournalLine[];
  /** Where each line came from (same index as `lines`): for errors while applying. */
  origins: Array<{ file: string; line: number }>;
  /** Bytes of unacknowledged tail dropped, per file that had one. */
  torn: Array<{ file: string; line: number; bytes: number }>;
}

const FIX =
  'The journal holds changes made since the store file was last written. Restore both files from a backup, ' +
  'or, to give up the changes from this line on, cut the journal just before it (for example `head -n {keep} <journal> > fixed`, then move fixed over the journal).';

export async function readJournal(storeFile: string): Promise<JournalContents> {
  const out: JournalContents = { files: await journalFiles(storeFile), lines: [], origins: [], torn: [] };
  let lastSeq = 0;
  for (const file of out.files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // rotated and removed by a compaction in another process since the listing
      throw new StoreFileError(file, `cannot be read (${code ?? (error as Error).message})`, 'Check its permissions.', { cause: error });
    }
    const rows = text.split('\n');
    // Parse everything first: a bad line is a torn tail only if nothing valid follows it.
    const parsed = rows.map((row) => parseRow(row));
    let end = parsed.length;
    while (end > 0 && (rows[end - 1] === '' || typeof parsed[end - 1] === 'string')) end--;
    const dropped = rows.slice(end).join('\n');
    if (dropped.replace(/\n/g, '') !== '') out.torn.push({ file, line: end + 1, bytes: Buffer.byteLength(dropped) });
    for (let i = 0; i < end; i++) {
      const row = parsed[i];
      if (typeof row === 'string') {
        throw new StoreFileError(file, `line ${i + 1} ${row}, and valid lines follow it, so it is not an interrupted last write`, FIX.replace('{keep}', String(i)));
      }
      if (row.seq <= lastSeq) {
        throw new StoreFileError(file, `line ${i + 1} has seq ${row.seq}, not after the previous line's ${lastSeq}: lines are out of order or repeated`, FIX.replace('{keep}', String(i)));
      }
      lastSeq = row.seq;
      out.lines.push(row);
      out.origins.push({ file, line: i + 1 });
    }
  }
  return out;
}

function parseRow(row: string): JournalLine | string {
  if (row === '') return 'is empty';
  let value: unknown;
  try {
    value = JSON.parse(row);
  } catch (error) {
    return `is not valid JSON (${(error as Error).message})`;
  }
  return decodeOp(value);
}

/**
 * Applies to `core` every journal line after `afterSeq` (the lines a
 * snapshot already holds are skipped, so a journal left behind by a crash
 * between writing the snapshot and deleting the journal is harmless).
 */
export async function replayJournal(
  core: StoreCore,
  storeFile: string,
  afterSeq: number,
): Promise<{ lastSeq: number; applied: number; files: string[]; torn: JournalContents['torn'] }> {
  const journal = await readJournal(storeFile);
  let lastSeq = afterSeq;
  let applied = 0;
  journal.lines.forEach(({ seq, op }, i) => {
    if (seq <= afterSeq) return;
    if (seq !== lastSeq + 1) {
      // Numbers are consecutive by construction: a gap means a snapshot and journal that do not belong together.
      const { file, line } = journal.origins[i];
      throw new StoreFileError(
        file,
        `line ${line} has seq ${seq}, but the store file holds changes only up to ${afterSeq}, so changes ${lastSeq + 1}..${seq - 1} are missing`,
        'Was the store file restored from an older backup without its journal? Restore the matching store file, or move the journal files aside to open the store file as it is.',
      );
    }
    try {
      applyOp(core, op);
    } catch (error) {
      const { file, line } = journal.origins[i];
      throw new StoreFileError(file, `line ${line} cannot be applied: ${(error as Error).message}`, FIX.replace('{keep}', String(line - 1)), { cause: error });
    }
    lastSeq = seq;
    applied++;
  });
  return { lastSeq, applied, files: journal.files, torn: journal.torn };
}
