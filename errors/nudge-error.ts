/**
 * The one failure class: a code of the error table and the values of its
 * placeholders. The message, HTTP status and exit code come from the
 * table, so a failure reads the same wherever it is shown (errors/render.ts).
 *
 * @example
 *   throw nudgeError('NUDGE_ERR_UNKNOWN_CONTACT', { id: 'c-42' });
 */
import { errorTable, type ErrorCode } from './error-table';

/** The names between braces in a template; `{ a: 1 }` (with a space) is text, not a placeholder. */
type PlaceholdersOf<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? (Name extends `${string} ${string}` | '' ? never : Name) | PlaceholdersOf<Rest>
  : never;

export type ErrorParams<C extends ErrorCode> = { [K in PlaceholdersOf<(typeof errorTable)[C]['message']>]: string | number };

export interface NudgeErrorOptions {
  cause?: unknown;
  /** Per-property problems of a request (the API's `details`). */
  details?: unknown[];
  /** Where in a file, for failures that have a place (a sequence file's line). */
  source?: { file: string; line: number; column: number };
  /** Only for NUDGE_ERR_BAD_REQUEST, which passes on the 4xx status Fastify chose (414 for a too-long URL). */
  status?: number;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The template with its placeholders filled; a missing value stays visible as `{name}`. */
export function formatMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The placeholder names of a template, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

export class NudgeError<C extends ErrorCode = ErrorCode> extends Error {
  override name = 'NudgeError';
  readonly status: number;
  readonly exitCode: number;
  readonly details?: unknown[];
  readonly source?: { file: string; line: number; column: number };

  constructor(readonly code: C, readonly params: ErrorParams<C>, options: NudgeErrorOptions = {}) {
    super(formatMessage(errorTable[code].message, params as Record<string, string | number>), options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status ?? errorTable[code].status;
    this.exitCode = errorTable[code].exitCode;
    if (options.details) this.details = options.details;
    if (options.source) this.source = options.source;
  }

  /** How to fix it, when the message does not say (see ErrorEntry.fix). */
  get fix(): string | undefined {
    return (errorTable[this.code] as { fix?: string }).fix;
  }
}

export const nudgeError = <C extends ErrorCode>(code: C, params: ErrorParams<C>, options?: NudgeErrorOptions): NudgeError<C> =>
  new NudgeError(code, params, options);

export const isNudgeError = (err: unknown): err is NudgeError => err instanceof NudgeError;
