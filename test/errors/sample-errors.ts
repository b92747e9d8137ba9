// One NudgeError of every code of the table, its placeholders filled with visible samples.
import { errorTable, type ErrorCode } from '../../errors/error-table';
import { NudgeError, placeholdersOf } from '../../errors/nudge-error';

export const ALL_CODES = Object.keys(errorTable) as ErrorCode[];

export function sampleError(code: ErrorCode): NudgeError {
  const params = Object.fromEntries(placeholdersOf(errorTable[code].message).map((name) => [name, `sample-${name}`]));
  return new NudgeError(code, params as never);
}

/** A regular expression for the messages a template can give, placeholders matching anything. */
export function templatePattern(code: ErrorCode): RegExp {
  const parts = errorTable[code].message.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}
