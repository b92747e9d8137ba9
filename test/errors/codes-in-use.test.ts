// The error table and the source agree: every failure code the source uses has an entry, every entry is used.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorTable } from '../../errors/error-table';

const ROOT = resolve(__dirname, '../..');
/** The table itself and the doc made from it name every code: they do not count as uses. */
const NOT_USES = new Set(['errors/error-table.ts', 'errors/errors-doc.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : sourceFiles(path);
    return /\.(ts|cjs|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Failure codes written in a source text: the NUDGE_ERR_ scheme, and the loader's old NUDGE_LOAD_ one (which must be gone). */
function failureCodesIn(text: string): string[] {
  return [...text.matchAll(/\bNUDGE_(?:ERR|LOAD)_[A-Z0-9_]+\b/g)].map((m) => m[0]);
}

const uses = new Map<string, string[]>();
for (const file of ['dsl', 'runtime', 'extension', 'errors'].flatMap((d) => sourceFiles(join(ROOT, d)))) {
  const rel = relative(ROOT, file).split('\\').join('/');
  if (NOT_USES.has(rel)) continue;
  for (const code of failureCodesIn(readFileSync(file, 'utf8'))) uses.set(code, [...(uses.get(code) ?? []), rel]);
}

describe('failure codes in dsl/, runtime/, extension/ and errors/', () => {
  it('finds codes in literals and nudgeError() calls', () => {
    expect(failureCodesIn(`throw nudgeError('NUDGE_ERR_A', {}); x.code === "NUDGE_LOAD_B"; NUDGE_TOKEN`)).toEqual(['NUDGE_ERR_A', 'NUDGE_LOAD_B']);
  });

  it('are all entries of the error table', () => {
    const unknown = [...uses].filter(([code]) => !(code in errorTable)).map(([code, files]) => `${code} (${[...new Set(files)].join(', ')})`);
    expect(unknown).toEqual([]);
  });

  it('use every entry of the table', () => {
    expect(Object.keys(errorTable).filter((code) => !uses.has(code))).toEqual([]);
  });
});
