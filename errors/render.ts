/**
 * How a NudgeError is shown: the CLI, the extension and the API render one
 * code the same way. The CLI and the extension show one line,
 * `[file:line:col ]error CODE: message`; the API answers the table's status
 * with `{ code, message, details? }`.
 */
import type { NudgeError } from './nudge-error';

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown[];
}

/** The one line: never a newline inside, so a log or a notification shows it whole. */
export function renderLine(err: NudgeError, displayPath: (file: string) => string = (f) => f): string {
  const where = err.source ? `${displayPath(err.source.file)}:${err.source.line}:${err.source.column} ` : '';
  return `${where}error ${err.code}: ${err.message}`.replace(/\s*\r?\n\s*/g, ' ');
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
