import { NudgeError } from '../../errors/nudge-error';
import type { RecipientRefusal } from './recipient-refusals';

/**
 * How a transport tells the worker what a failure means. Anything a
 * transport throws is retried with backoff (networks come back), unless it
 * is a DeliveryError marked permanent: a 4xx answer, a refused port or a
 * rejected mailbox will not improve by asking again, so retrying it would
 * only delay the "failed" the author needs to see.
 */
export class DeliveryError extends NudgeError<'NUDGE_ERR_DELIVERY'> {
  override name = 'DeliveryError';
  readonly permanent: boolean;
  /** The receiver asked us to wait this long (HTTP Retry-After); the worker waits at least this. */
  readonly retryAfterMs?: number;
  /** SMTP refused every recipient: what it said about each (hard and soft bounces). */
  readonly refused?: RecipientRefusal[];

  constructor(message: string, options: { permanent?: boolean; retryAfterMs?: number; refused?: RecipientRefusal[]; cause?: unknown } = {}) {
    super('NUDGE_ERR_DELIVERY', { problem: message }, { cause: options.cause });
    this.permanent = options.permanent ?? false;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.refused && options.refused.length > 0) this.refused = options.refused;
  }
}

/** Shorthand for a failure that must not be retried. */
export function permanentFailure(message: string, cause?: unknown): DeliveryError {
  return new DeliveryError(message, { permanent: true, cause });
}

export function isPermanent(error: unknown): boolean {
  return error instanceof DeliveryError && error.permanent;
}

/** One line for `OutboxItem.lastError`: the message, and the cause's code when it adds something. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Only system codes such as ECONNREFUSED: a DOMException's numeric code says nothing, nor our own table code.
  const own = error instanceof NudgeError ? undefined : (error as NodeJS.ErrnoException).code;
  const codes = [own, (error.cause as NodeJS.ErrnoException | undefined)?.code];
  const code = codes.find((c): c is string => typeof c === 'string');
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
