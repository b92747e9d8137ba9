/**
 * The validator behind `nudge check`: reads only the IR and returns
 * diagnostics with stable codes (see RULES and docs/diagnostics.md).
 *
 * @example
 * const loaded = await loadSequenceFile('samples/welcome.seq.ts');
 * for (const d of validateSequences(loaded.map((s) => s.ir))) console.log(formatDiagnostic(d, process.cwd()));
 */
import type { SequenceIR } from '../ir';
import type { Diagnostic, ValidateOptions } from './diagnostic';
import { createContext, type SequenceRule } from './context';
import { checkHttpPosts, checkMessages } from './rules-communication';
import { checkDateTimers } from './rules-date-timer';
import { checkFields } from './rules-fields';
import { checkFormConflicts, checkFormFields } from './rules-forms';
import { checkLinkGoals, checkStepIds } from './rules-ids';
import { checkKeyNames } from './rules-key-names';
import { checkMergeFields } from './rules-merge';
import { checkMergedLinks } from './rules-merge-links';
import { checkRepeat } from './rules-repeat';
import { checkDuplicateSequenceId } from './rules-sequences';
import { checkStructure } from './rules-structure';
import { checkTimeWindows } from './rules-time-window';
import { checkUnsubscribe } from './rules-unsubscribe';
import { checkZones } from './rules-zones';

export type { Diagnostic, Severity, ValidateOptions } from './diagnostic';
export { RULES } from './rules';
export type { DiagnosticCode, RuleInfo } from './rules';
export { formatDiagnostic } from './format';
export { didYouMean, editDistance } from './did-you-mean';

const SEQUENCE_RULES: readonly SequenceRule[] = [
  checkStructure, checkStepIds, checkLinkGoals, checkMergeFields, checkMessages, checkHttpPosts,
  checkTimeWindows, checkDateTimers, checkRepeat, checkZones, checkFields, checkMergedLinks, checkKeyNames, checkFormFields, checkUnsubscribe,
];

/**
 * Check sequences (typically all exports of the files being checked).
 * Diagnostics come per sequence, in input order, each sequence's sorted by position.
 */
export function validateSequences(irs: readonly SequenceIR[], options: ValidateOptions = {}): Diagnostic[] {
  const resolved = { now: options.now ?? new Date(), accountZone: options.accountZone, account: options.account };
  const all: Diagnostic[] = [];
  irs.forEach((ir, i) => {
    const found: Diagnostic[] = [];
    const ctx = createContext(ir, resolved, found);
    checkDuplicateSequenceId(ctx, irs.slice(0, i));
    checkFormConflicts(ctx, irs.slice(0, i));
    for (const rule of SEQUENCE_RULES) rule(ctx);
    all.push(...found.sort(byPosition));
  });
  return all;
}

/** Stable order by file, line, column; findings without a position last. */
function byPosition(a: Diagnostic, b: Diagnostic): number {
  if (!a.source || !b.source) return (a.source ? 0 : 1) - (b.source ? 0 : 1);
  if (a.source.file !== b.source.file) return a.source.file < b.source.file ? -1 : 1;
  return a.source.line - b.source.line || a.source.column - b.source.column;
}

/** Whether any diagnostic is an error (what makes `nudge check` exit non-zero). */
export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');
