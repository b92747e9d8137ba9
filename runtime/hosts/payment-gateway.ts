/**
 * The payment gateway: the edge of the world, outside the engine. An order
 * step's autocharge comes out of the engine as a `chargeCard` effect; the
 * host asks its gateway and feeds the answer back as `InstantInput.charges`.
 * The dry run answers with the sandbox rule at once; the live host awaits a
 * real gateway (network, seconds) without holding any other contact up.
 */
import type { ChargeAnswer, ChargeCard } from '../engine/effects';
import type { Contact } from '../engine/model';

export type ChargeResult = { approved: true } | { approved: false; reason: string };

export interface ChargeRequest {
  contact: Contact;
  orderId: string;
  total: number;
  /** The same on every retry and after a restart: a gateway charges one key once. */
  idempotencyKey: string;
}

export interface PaymentGateway {
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

/** The sandbox rule: approves a card on file unless it is marked `decline`; no card on file is a decline. */
export function sandboxCharge(contact: Contact): ChargeResult {
  if (!contact.card) return { approved: false, reason: 'no card on file' };
  if (contact.card.decline) return { approved: false, reason: 'card declined' };
  return { approved: true };
}

export const sandboxGateway: PaymentGateway = {
  charge: ({ contact }) => Promise.resolve(sandboxCharge(contact)),
};

/** The engine's input for a gateway's answer to `charge`. */
export function chargeAnswer(charge: ChargeCard, result: ChargeResult): ChargeAnswer {
  return result.approved ? { key: charge.idempotencyKey, approved: true } : { key: charge.idempotencyKey, approved: false, reason: result.reason };
}
