/**
 * What the server's main thread and its delivery thread say to each other.
 * Only plain data crosses (structured clone): the thread builds its own
 * transports from a config, so anything holding a function (the link
 * tracker) is described by its data here and rebuilt on the other side.
 */
import type { OutgoingEffect } from '../engine/effects';
import { DeliveryError, describeError, isPermanent } from './delivery-error';
import type { ConsentLinksConfig } from './consent-links';
import type { TransportsConfig } from './create-transports';
import type { RecipientRefusal } from './recipient-refusals';
import type { TrackingOptions } from './link-tokens';

/** `createTransports`' config without its functions and objects: emails are tracked when `links` is given. */
export type DeliveryThreadConfig = Omit<TransportsConfig, 'trackLink' | 'openPixel' | 'faxProvider' | 'consentLinks'> & {
  /** Unsubscribe and confirmation links of emails (see consentLinks). */
  consent?: ConsentLinksConfig;
  /**
   * Rewrite links in HTML emails to `<baseUrl>/l/<token>`, sealed with the link key `secret`
   * (see linkTracker); with `openPixel`, HTML marketing emails also get `<baseUrl>/o/<token>`.
   */
  links?: TrackingOptions & { secret: string; openPixel?: boolean };
  /**
   * Nice value of the thread (Linux only; default 10, 0 to keep the server's). Requests then
   * win the CPU over delivery when both want it: an acknowledgement waits for nobody's email,
   * and the outbox catches up when requests leave CPU free.
   */
  nice?: number;
};

export type ThreadRequest =
  | { type: 'send'; id: number; effect: OutgoingEffect }
  /** Finish the sends in progress, close SMTP connections, then end the thread. */
  | { type: 'close' };

export type ThreadReply =
  /** `refused`: the recipients SMTP refused when it took the message for the others. */
  | { type: 'sent'; id: number; refused?: RecipientRefusal[] }
  | { type: 'failed'; id: number; error: ThreadError }
  | { type: 'closed' };

/** A transport's failure as data: what the DeliveryWorker needs to decide retry or fail, and the line it stores. */
export interface ThreadError {
  /** describeError() of the original, so `lastError` reads the same as when sending on the main thread. */
  description: string;
  permanent: boolean;
  retryAfterMs?: number;
  /** Every recipient refused: each one's reply (the worker reports the bounces). */
  refused?: RecipientRefusal[];
}

export function toThreadError(error: unknown): ThreadError {
  const out: ThreadError = { description: describeError(error), permanent: isPermanent(error) };
  const retryAfterMs = (error as DeliveryError | undefined)?.retryAfterMs;
  if (error instanceof DeliveryError && retryAfterMs !== undefined) out.retryAfterMs = retryAfterMs;
  if (error instanceof DeliveryError && error.refused) out.refused = error.refused;
  return out;
}

export function fromThreadError(error: ThreadError): DeliveryError {
  return new DeliveryError(error.description, { permanent: error.permanent, retryAfterMs: error.retryAfterMs, refused: error.refused });
}
