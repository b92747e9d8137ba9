/**
 * Picks the author's position out of a source-mapped stack: the first frame
 * in the loaded file, else the first outside the DSL and Node's internals.
 */
import { dirname } from 'node:path';
import type { SourcePos } from '../ir';
import { dslEntry } from './package-root';

const FRAME_RE = /\(?((?:file:\/\/)?[^()\s][^()]*?):(\d+):(\d+)\)?\s*$/;

export function locateError(stack: string, file: string): SourcePos {
  const dslDir = dirname(dslEntry());
  const frames = stack.split('\n').slice(1).flatMap((line) => {
    const m = FRAME_RE.exec(line.trim());
    if (!m) return [];
    const f = m[1].startsWith('file://') ? decodeURIComponent(m[1].slice(7)) : m[1];
    return [{ file: f, line: Number(m[2]), column: Number(m[3]) }];
  });
  const inFile = frames.find((f) => f.file === file);
  const outside = frames.find((f) => !f.file.startsWith(dslDir) && !f.file.startsWith('node:') && !f.file.includes('nudge-bundle'));
  return inFile ?? outside ?? { file, line: 1, column: 1 };
}
