/**
 * One transport per kind of outgoing item. A transport delivers one item
 * and resolves, or throws (see DeliveryError for what a throw means). It
 * must send the item's idempotency key along, so that a resend after a
 * crash (sent, but the "sent" mark never reached the disk) can be
 * recognised downstream.
 */
import type { OutgoingHttpPost, OutgoingMessage } from '../engine/effects';
import type { SendReceipt } from './recipient-refusals';

export type EmailEffect = OutgoingMessage & { type: 'email' };
export type FaxEffect = OutgoingMessage & { type: 'fax' };
export type LetterEffect = OutgoingMessage & { type: 'letter' };

export interface Transport<E> {
  /** Resolves with a receipt when the message went out to some recipients only (SMTP refused the others). */
  send(effect: E): Promise<void | SendReceipt>;
  /** Releases connections (SMTP pools); optional. */
  close?(): Promise<void> | void;
}

export interface Transports {
  email: Transport<EmailEffect>;
  fax: Transport<FaxEffect>;
  letter: Transport<LetterEffect>;
  httpPost: Transport<OutgoingHttpPost>;
}
