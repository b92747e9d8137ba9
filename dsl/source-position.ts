/**
 * Where in the author's file a DSL call was written.
 *
 * The DSL reads its own call stack: the first frame outside the DSL's folder
 * is the author's call. Under the loader, the bundle runs with
 * `--enable-source-maps`, and the frames' bundle positions are mapped back to
 * the `.seq.ts` file through Node's source-map cache; under vitest, stacks
 * come formatted and mapped by vitest. The DSL's folder is learnt from
 * captureSource's own frame.
 */
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
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

interface RawFrame { file: string; line: number; column: number }

/**
 * The stack as unmapped call sites. Formatting `new Error().stack` under
 * `--enable-source-maps` maps every frame through the source map, for
 * every DSL call of the file; reading the call sites skips that, and only
 * the one frame we keep is mapped.
 */
function rawFrames(): RawFrame[] {
  const previousLimit = Error.stackTraceLimit;
  const previousPrepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 30;
  Error.prepareStackTrace = (_err, sites) => sites;
  const holder: { stack?: unknown } = {};
  Error.captureStackTrace(holder, rawFrames);
  const sites = holder.stack as NodeJS.CallSite[] | undefined;
  Error.prepareStackTrace = previousPrepare;
  Error.stackTraceLimit = previousLimit;
  const frames: RawFrame[] = [];
  for (const site of Array.isArray(sites) ? sites : []) {
    const file = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (file && line && column) frames.push({ file: file.startsWith('file://') ? decodeURIComponent(file.slice(7)) : file, line, column });
  }
  return frames;
}

/** A bundle's position mapped back to the author's file, when the bundle has a source map (the loader's child). */
function mapped(frame: RawFrame): RawFrame {
  const map = findSourceMap(frame.file);
  if (!map) return frame;
  const entry = map.findEntry(frame.line - 1, frame.column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (!entry?.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return frame;
  const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
  return { file: source, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}

/**
 * The source position of the nearest caller outside the DSL, if the stack
 * tells it. Frames are mapped one by one, from the innermost, until one lies
 * outside the DSL's folder (without the prebuilt DSL, the DSL and the
 * author's code share one bundle, so only mapped frames tell them apart).
 */
export function captureSource(): SourcePos | undefined {
  const frames = hostFormatsStacks() ? formattedFrames() : rawFrames().map((f) => () => mapped(f));
  if (frames.length === 0) return undefined;
  dslDir ??= dirOf(frames[0]().file);
  for (const frame of frames) {
    const at = frame();
    if (dirOf(at.file) !== dslDir && !at.file.startsWith('node:')) return { file: at.file, line: at.line, column: at.column };
  }
  return undefined;
}

/**
 * A host that formats stacks itself (vitest maps them to the files it
 * transformed) is asked for the formatted stack, as an error would get it.
 * Node's own formatter (named so since Node 20) needs no asking.
 */
function hostFormatsStacks(): boolean {
  const prepare = Error.prepareStackTrace;
  return typeof prepare === 'function' && prepare.name !== 'ErrorPrepareStackTrace';
}

function formattedFrames(): (() => RawFrame)[] {
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = previousLimit;
  return parseFrames(stack).map((f) => () => f);
}
