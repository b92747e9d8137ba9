/**
 * Reading a store's journal files back: the live `<store>.journal` and the
 * rotated `<store>.journal.<n>` a compaction has not finished with yet,
 * oldest first.
 *
 * Every line ends with a line break and (since line checksums) a CRC-32
 * of its JSON, and an append is acknowledged only once all of it, final
 * line break included, is on disk. So a crash in the middle of an append
 * can leave one thing only: the start of the next line, with no line
 * break after it, in the live journal. That tail was never acknowledged:
 * it is dropped and reported (`torn`). Anything else is damage that may
 * have held acknowledged changes, and is refused with the file, the line
 * and what to do: a complete line that fails its checksum or is not
 * valid JSON (wherever it is, last line included), a tail that is not the
 * start of the expected next line, and zero bytes where lines should be
 * (a zeroed tail cannot be told from acknowledged lines wiped out).
 * With `acceptLoss` the damage is reported (`lost`) instead, and reading
 * stops there.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { applyOp, checksumOf, decodeOp, type JournalLine } from './journal-ops';
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
  /** With `acceptLoss`: the damage reading stopped at (lines from there on, in every later file too, are left out). */
  lost: JournalDamage | null;
}

export interface JournalDamage {
  file: string;
  line: number;
  problem: string;
}

const fixFor = (line: number): string =>
  'The journal holds changes made since the store file was last written. Restore the store file and its journal together from a backup, ' +
  `or start with --accept-journal-loss to keep the ${line - 1} line(s) before it and give up the rest (a copy of the damaged journal is kept beside it).`;

/** Thrown for damage unless the caller accepts the loss. */
function damageError(d: JournalDamage): StoreFileError {
  return new StoreFileError(d.file, `line ${d.line} ${d.problem}`, fixFor(d.line));
}

export async function readJournal(storeFile: string, options: { acceptLoss?: boolean; limits?: Map<string, number> } = {}): Promise<JournalContents> {
  const out: JournalContents = { files: await journalFiles(storeFile), lines: [], origins: [], torn: [], lost: null };
  let lastSeq = 0;
  const damaged = (d: JournalDamage): boolean => {
    if (!options.acceptLoss) throw damageError(d);
    out.lost = d;
    return true;
  };
  files: for (const file of out.files) {
    let text: string;
    try {
      const bytes = await readFile(file);
      // A running store reads back only what it knows is acknowledged (a failed append may have left bytes).
      const limit = options.limits?.get(file);
      text = (limit === undefined ? bytes : bytes.subarray(0, limit)).toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // rotated and removed by a compaction in another process since the listing
      throw new StoreFileError(file, `cannot be read (${code ?? (error as Error).message})`, 'Check its permissions.', { cause: error });
    }
    const rows = text.split('\n');
    const tail = rows.pop()!; // what follows the last line break: '' after a whole line
    for (let i = 0; i < rows.length; i++) {
      const row = parseRow(rows[i]);
      if (typeof row === 'string') {
        const after = rows.length - i - 1;
        const why = after > 0 ? `, and ${after} line(s) follow it` : ', and it is a complete line (a line break ends it)';
        if (damaged({ file, line: i + 1, problem: `${row}${why}, so it is not an interrupted last write: it may hold acknowledged changes` })) break files;
      }
      const line = row as JournalLine;
      if (line.seq <= lastSeq) {
        if (damaged({ file, line: i + 1, problem: `has seq ${line.seq}, not after the previous line's ${lastSeq}: lines are out of order or repeated` })) break files;
      }
      lastSeq = line.seq;
      out.lines.push(line);
      out.origins.push({ file, line: i + 1 });
    }
    if (tail === '') continue;
    const bytes = Buffer.byteLength(tail);
    const isLive = file === out.files[out.files.length - 1];
    const next = `{"seq":${lastSeq + 1},`;
    if (tail.includes('\0')) {
      if (damaged({ file, line: rows.length + 1, problem: `is followed by ${bytes} byte(s) holding zeros where lines should be: a zeroed tail cannot be told from acknowledged lines wiped out` })) break;
    } else if (isLive && (tail.startsWith(next) || next.startsWith(tail))) {
      out.torn.push({ file, line: rows.length + 1, bytes });
    } else if (damaged({ file, line: rows.length + 1, problem: `is ${bytes} byte(s) with no line break that are not the start of line seq ${lastSeq + 1}, so not an interrupted last write` })) {
      break;
    }
  }
  return out;
}

function parseRow(row: string): JournalLine | string {
  if (row === '') return 'is empty';
  const tab = row.lastIndexOf('\t');
  const json = tab < 0 ? row : row.slice(0, tab);
  // No tab: a line from a journal written before line checksums.
  if (tab >= 0 && row.slice(tab + 1) !== checksumOf(json)) return 'fails its checksum (damaged)';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return `is not valid JSON (${(error as Error).message})`;
  }
  return decodeOp(value);
}

export interface JournalReplay {
  lastSeq: number;
  applied: number;
  files: string[];
  torn: JournalContents['torn'];
  lost: JournalDamage | null;
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
  options: { acceptLoss?: boolean; limits?: Map<string, number> } = {},
): Promise<JournalReplay> {
  const journal = await readJournal(storeFile, options);
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
      throw new StoreFileError(file, `line ${line} cannot be applied: ${(error as Error).message}`, fixFor(line), { cause: error });
    }
    lastSeq = seq;
    applied++;
  });
  return { lastSeq, applied, files: journal.files, torn: journal.torn, lost: journal.lost };
}
