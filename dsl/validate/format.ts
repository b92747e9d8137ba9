/**
 * `file:line:col severity code message`: the one-line form of a diagnostic
 * printed by `nudge check` (the same shape as a LoadError's `format()`).
 */
import { isAbsolute, relative } from 'node:path';
import type { Diagnostic } from './diagnostic';

/**
 * @example
 * formatDiagnostic(d, process.cwd())
 * // samples/welcome.seq.ts:12:8 error NUDGE002 Unknown merge field ~Contact.Fristname~ in step "email-welcome" (subject). Did you mean ~Contact.FirstName~?
 */
export function formatDiagnostic(d: Diagnostic, cwd?: string): string {
  const where = d.source
    ? `${displayPath(d.source.file, cwd)}:${d.source.line}:${d.source.column}`
    : `<sequence ${d.sequenceId}>`;
  return `${where} ${d.severity} ${d.code} ${d.message}`;
}

/** The file relative to `cwd` when it lies inside it; otherwise as stored. */
function displayPath(file: string, cwd: string | undefined): string {
  if (cwd === undefined) return file;
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
