/**
 * Picks the author's position out of a source-mapped stack: the first frame
 * in the loaded file, else the first outside the DSL and Node's internals.
 */
import { dirname } from 'node:path';
import type { SourcePos } from '../ir';
import { dslEntry } from './package-root';
import { parseFrames } from '../source-position';

export function locateError(stack: string, file: string): SourcePos {
  const dslDir = dirname(dslEntry());
  const frames = parseFrames(stack);
  const inFile = frames.find((f) => f.file === file);
  const outside = frames.find((f) => !f.file.startsWith(dslDir) && !f.file.startsWith('node:') && !f.file.includes('nudge-bundle'));
  return inFile ?? outside ?? { file, line: 1, column: 1 };
}
