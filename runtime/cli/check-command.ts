/**
 * `nudge check <files...>`: load every sequence file, run TypeScript's type
 * check and Nudge's rules, print `file:line:col severity code message`
 * (or `--json`), exit 1 when there is an error.
 */
import { typecheckFiles } from '../../dsl/typecheck';
import { checkFile, type FileDiagnostic } from '../../dsl/check/check-file';
import type { SequenceIR } from '../../dsl/ir';
import { displayPath, expandSequenceFiles } from './files';

export interface CheckOptions {
  json?: boolean;
  typecheck?: boolean;
  tz?: string;
  /** "Now" for the date-passed rule (default: the wall clock). */
  now?: number;
}

/** The same diagnostic the publisher shows: Nudge's rules, load errors and TypeScript's. */
export type CheckDiagnostic = FileDiagnostic;

export interface CheckResult {
  diagnostics: CheckDiagnostic[];
  sequences: Array<{ file: string; ir: SequenceIR }>;
}

export async function runCheck(fileArgs: string[], options: CheckOptions = {}): Promise<CheckResult> {
  const files = expandSequenceFiles(fileArgs);
  const diagnostics: CheckDiagnostic[] = [];
  const sequences: CheckResult['sequences'] = [];
  for (const file of files) {
    // Type-checked below in one compiler program for all files, faster than one per file.
    const checked = await checkFile(file, { accountZone: options.tz, typecheck: false, now: options.now });
    sequences.push(...checked.loaded.map((ir) => ({ file, ir })));
    diagnostics.push(...checked.diagnostics);
  }
  if (options.typecheck !== false) diagnostics.push(...typecheckFiles(files));
  diagnostics.sort(byPosition);
  return { diagnostics, sequences };
}

function byPosition(a: CheckDiagnostic, b: CheckDiagnostic): number {
  const fa = a.source?.file ?? '';
  const fb = b.source?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.column ?? 0) - (b.source?.column ?? 0);
}

export function formatCheckDiagnostic(d: CheckDiagnostic, cwd = process.cwd()): string {
  const where = d.source ? `${displayPath(d.source.file, cwd)}:${d.source.line}:${d.source.column}` : '<unknown>';
  return `${where} ${d.severity} ${d.code} ${d.message}`;
}

export async function checkCommand(fileArgs: string[], options: CheckOptions): Promise<number> {
  const { diagnostics, sequences } = await runCheck(fileArgs, options);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(diagnostics.map((d) => ({ ...d, file: d.source?.file })), null, 2)}\n`);
  } else {
    for (const d of diagnostics) process.stdout.write(`${formatCheckDiagnostic(d)}\n`);
    const files = new Set(sequences.map((s) => s.file)).size;
    process.stderr.write(`${sequences.length} sequence(s) in ${files} file(s): ${errors} error(s), ${warnings} warning(s)\n`);
  }
  return errors > 0 ? 1 : 0;
}
