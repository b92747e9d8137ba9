/**
 * Where a sequence file imports a given module, for a problem that lies in
 * one of its helper modules: the Problems panel lists problems per file, and
 * the author is editing the sequence file, so the helper's error is shown on
 * the import that brings it in (or on line 1 when it comes in indirectly).
 */
import { dirname, relative, resolve } from 'node:path';
import type { SourcePos } from '../../dsl/ir';

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])(\.{1,2}\/[^'"]*)\1/g;
const withoutExtension = (file: string) => file.replace(/\.(?:[cm]?[jt]sx?|json)$/, '');

/** The position (1-based) of the import of `target` in `text`, the file `fileName`; line 1 when it is not imported directly. */
export function importPosition(text: string, fileName: string, target: string): SourcePos {
  const wanted = withoutExtension(resolve(target));
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[2];
    const resolved = withoutExtension(resolve(dirname(fileName), spec));
    if (resolved === wanted || `${resolved}/index` === wanted) {
      const offset = m.index + m[0].indexOf(m[1] + spec);
      const before = text.slice(0, offset).split('\n');
      return { file: fileName, line: before.length, column: before[before.length - 1].length + 1 };
    }
  }
  return { file: fileName, line: 1, column: 1 };
}

/** `helpers/names.ts:3:7`, relative to the sequence file's folder. */
export function describeElsewhere(fileName: string, at: SourcePos): string {
  return `${relative(dirname(fileName), at.file)}:${at.line}:${at.column}`;
}
