/**
 * Where in the text to put a diagnostic, and what a "Did you mean" quick fix
 * replaces. Pure (offsets, no `vscode`), so the mapping is unit-tested.
 *
 * Nudge's rules know the step (its IR position: the method name); the
 * editor underlines more precisely when it can: the misspelt merge field,
 * field name or zone inside the step's call, else the step's method name,
 * else the start of the line.
 */
import type { FileDiagnostic } from '../../dsl/check/check-file';
import { StepCallIndex } from './step-ranges';

export interface OffsetRange {
  start: number;
  end: number;
}

export interface Suggestion {
  /** Text as written in the file (e.g. `Contact.Fristname`, `Europe/Pari`). */
  wrong: string;
  /** What to write instead. */
  replacement: string;
}

const DID_YOU_MEAN = /Did you mean (~[^~]+~|"(?:[^"\\]|\\.)*")\?/;
const FIRST_TILDE = /~[^~\s]+~/;
const FIRST_QUOTED = /"(?:[^"\\]|\\.)*"/;

/** The misspelt word and its fix, when the message proposes one. */
export function suggestionOf(message: string): Suggestion | undefined {
  const fix = DID_YOU_MEAN.exec(message);
  if (!fix) return undefined;
  const before = message.slice(0, fix.index);
  if (fix[1].startsWith('~')) {
    const wrong = FIRST_TILDE.exec(before)?.[0];
    if (!wrong) return undefined;
    // Merge tokens: replace the name only, so `|fallback` and spacing stay as written.
    const name = (t: string) => t.slice(1, -1).split('|')[0];
    return { wrong: name(wrong), replacement: name(fix[1]) };
  }
  const wrong = FIRST_QUOTED.exec(before)?.[0];
  if (!wrong) return undefined;
  return { wrong: JSON.parse(wrong) as string, replacement: JSON.parse(fix[1]) as string };
}

/** Every place `word` occurs in text[from, to) as a whole name (not inside a longer name). */
export function occurrences(text: string, word: string, from = 0, to = text.length): OffsetRange[] {
  const found: OffsetRange[] = [];
  if (!word) return found;
  const isName = (ch: string | undefined) => ch !== undefined && /[\w.]/.test(ch);
  for (let i = text.indexOf(word, from); i >= 0 && i + word.length <= to; i = text.indexOf(word, i + 1)) {
    if (isName(text[i - 1]) || isName(text[i + word.length])) continue;
    found.push({ start: i, end: i + word.length });
  }
  return found;
}

/**
 * The range to underline for a Nudge diagnostic: the suggested word inside
 * the step's call when the text has it, else the step's method name, else
 * the line from the reported column.
 */
export function rangeOfNudgeDiagnostic(d: FileDiagnostic, text: string, index: StepCallIndex): OffsetRange {
  if (!d.source) return { start: 0, end: Math.max(0, text.indexOf('\n')) };
  const call = index.at(d.source.line, d.source.column);
  const suggestion = suggestionOf(d.message);
  if (suggestion) {
    const from = call ? call.start : index.offsetOf(d.source.line, d.source.column);
    const within = occurrences(text, suggestion.wrong, from, call ? call.end : text.length);
    if (within.length > 0) return within[0];
  }
  if (call) {
    const nameEnd = text.slice(call.start, call.end).search(/[^\w$]/);
    return { start: call.start, end: nameEnd > 0 ? call.start + nameEnd : call.end };
  }
  const start = Math.min(text.length, index.offsetOf(d.source.line, d.source.column));
  const eol = text.indexOf('\n', start);
  return { start, end: eol < 0 ? text.length : eol };
}
