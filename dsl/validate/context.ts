/**
 * What every rule gets: the sequence, the resolved options, and a `report`
 * that fills in severity (from RULES), sequence id, step id and position.
 */
import type { PathIR, SequenceIR, SourcePos, Step } from '../ir';
import type { Diagnostic } from './diagnostic';
import { RULES, type DiagnosticCode } from './rules';

export interface ResolvedOptions {
  now: Date;
  accountZone?: string;
  /** The configured account; undefined when the caller does not know the config. */
  account?: { name?: string; address?: string };
}

/** Where a finding points: a step (in its path), a path, or the sequence itself. */
export interface Where {
  step?: Step;
  path?: PathIR;
}

export interface RuleContext {
  ir: SequenceIR;
  options: ResolvedOptions;
  report(code: DiagnosticCode, message: string, where?: Where): void;
}

export type SequenceRule = (ctx: RuleContext) => void;

export function createContext(ir: SequenceIR, options: ResolvedOptions, out: Diagnostic[]): RuleContext {
  return {
    ir,
    options,
    report(code, message, where = {}) {
      const source = where.step?.source ?? where.path?.source ?? ir.source;
      out.push({
        severity: RULES[code].severity,
        code,
        message,
        sequenceId: ir.id,
        ...(where.step ? { stepId: where.step.id } : {}),
        ...(source ? { source } : {}),
      });
    },
  };
}

/** Every step of every path, with its path, in path order. */
export function* eachStep(ir: SequenceIR): Generator<{ step: Step; path: PathIR }> {
  for (const path of ir.paths ?? []) {
    for (const step of path.steps ?? []) yield { step, path };
  }
}

/** `path 2 ("Staff")`: how messages name a path (1-based, as on the canvas). */
export function pathName(path: PathIR): string {
  return `path ${path.index + 1}${path.label ? ` (${JSON.stringify(path.label)})` : ''}`;
}

/** A position in a message: `line 9, column 8` in the same file, else `file:line:col`. */
export function positionText(pos: SourcePos | undefined, relativeTo: SourcePos | undefined): string {
  if (!pos) return 'an unknown position';
  if (relativeTo && relativeTo.file === pos.file) return `line ${pos.line}, column ${pos.column}`;
  return `${pos.file}:${pos.line}:${pos.column}`;
}

export const quote = (s: string) => JSON.stringify(s);
