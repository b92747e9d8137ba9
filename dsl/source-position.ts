/**
 * Where in the author's file a DSL call was written.
 *
 * The DSL reads its own call stack: the first frame outside the DSL's folder
 * is the author's call. Under the loader, stacks are source-mapped (the
 * bundle runs with `--enable-source-maps`), so frames already name the
 * `.seq.ts` file and its line and column; under vitest they name the real
 * files directly. The DSL's folder is learnt from this function's own frame.
 */
import type { SourcePos } from './ir';

const FRAME_RE = /\(?((?:file:\/\/)?[^()\s][^()]*?):(\d+):(\d+)\)?\s*$/;

interface Frame { file: string; line: number; column: number }

/** The file, line and column of each frame of a V8 stack (also used by the loader's error locator). */
export function parseFrames(stack: string): Frame[] {
  const frames: Frame[] = [];
  for (const line of stack.split('\n').slice(1)) {
    // Anonymous frames print as `at /file:1:2` (no parentheses): drop the `at ` first.
    const m = FRAME_RE.exec(line.trim().replace(/^at\s+/, ''));
    if (!m) continue;
    const file = m[1].startsWith('file://') ? decodeURIComponent(m[1].slice('file://'.length)) : m[1];
    frames.push({ file, line: Number(m[2]), column: Number(m[3]) });
  }
  return frames;
}

const dirOf = (file: string) => file.replace(/[\\/][^\\/]*$/, '');

let dslDir: string | undefined;

/** The source position of the nearest caller outside the DSL, if the stack tells it. */
export function captureSource(): SourcePos | undefined {
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = previousLimit;
  const frames = parseFrames(stack);
  if (frames.length === 0) return undefined;
  dslDir ??= dirOf(frames[0].file);
  const caller = frames.find((f) => dirOf(f.file) !== dslDir && !f.file.startsWith('node:'));
  return caller ? { file: caller.file, line: caller.line, column: caller.column } : undefined;
}
