/**
 * How a NudgeError is shown: the CLI, the extension and the API render one
 * code the same way. The CLI and the extension show one line,
 * `error CODE: message`, or for a failure with a place in a file the format
 * of every Nudge diagnostic, `file:line:col error CODE message` (what
 * `nudge check` prints and editors' problem matchers read); the API answers
 * the table's status with `{ code, message, details? }`.
 */
import type { NudgeError } from './nudge-error';

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown[];
}

/** The one line: never a newline inside, so a log or a notification shows it whole. */
export function renderLine(err: NudgeError, displayPath: (file: string) => string = (f) => f): string {
  const { source } = err;
  const line = source
    ? `${displayPath(source.file)}:${source.line}:${source.column} error ${err.code} ${err.message}`
    : `error ${err.code}: ${err.message}`;
  return line.replace(/\s*\r?\n\s*/g, ' ');
}

export function renderCli(err: NudgeError, displayPath?: (file: string) => string): { line: string; exitCode: number } {
  return { line: renderLine(err, displayPath), exitCode: err.exitCode };
}

export function renderApi(err: NudgeError): { status: number; body: ApiErrorBody } {
  const body: ApiErrorBody = { code: err.code, message: err.message };
  if (err.details) body.details = err.details;
  return { status: err.status, body };
}

/** The text of the extension's error notification: the CLI's line. */
export const renderExtension = (err: NudgeError): string => renderLine(err);
