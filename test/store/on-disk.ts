/**
 * What a restart would find on disk for a LowdbStore: the store file (the
 * last snapshot) and its journal (every change acknowledged since). Tests
 * that check durability read both, never the snapshot alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The store file's text followed by its journal files' text. */
export function durableText(file: string): string {
  const journals = readdirSync(dirname(file))
    .filter((n) => n.startsWith(`${basename(file)}.journal`))
    .map((n) => readFileSync(join(dirname(file), n), 'utf8'));
  return [existsSync(file) ? readFileSync(file, 'utf8') : '', ...journals].join('\n');
}
