/**
 * Effects are data, not actions: the engine says what should happen and the
 * host does it. The dry run records them; the runtime commits them to the
 * store together with the state change, then delivers outgoing items
 * (email, fax, letter, HTTP Post) with their idempotency keys.
 */
import type { OrderItem, PaymentMode } from '../../dsl/ir';

interface EffectBase {
  contactId: string;
  sequenceId: string;
  stepId: string;
  /** Instant the step ran. */
  at: number;
}

/** A communication to deliver, rendered (merge fields filled in). */
export interface OutgoingMessage extends EffectBase {
  type: 'email' | 'fax' | 'letter';
  /** sequence id, version, contact id, step id and occurrence: the same on every retry. */
  idempotencyKey: string;
  to: string[];
  from?: string;
  subject: string;
  body: string;
  /**
   * How the author wrote the body (tags or not), so delivery treats it as
   * HTML only when the template was: merged data never decides. Absent on
   * items queued before it existed (delivery then looks at the body).
   */
  bodyFormat?: 'html' | 'text';
  /** Letters: the postal address block; faxes: the number. */
  address?: string[];
  /** Emails: marketing (List-Unsubscribe, consent rules) or transactional; absent on items queued before it existed. */
  category?: 'marketing' | 'transactional';
  /**
   * An opt-in confirmation email for this form (double opt-in): delivery
   * fills its `nudge:confirm` placeholder with the confirmation link. Always
   * transactional.
   */
  confirmForm?: string;
}

export interface OutgoingHttpPost extends EffectBase {
  type: 'httpPost';
  idempotencyKey: string;
  url: string;
  fields: Record<string, string>;
  format: 'form' | 'json';
}

export interface NoteRecord extends EffectBase {
  type: 'note';
  id: string;
  subject: string;
  body?: string;
  noteType?: string;
}

export interface TaskRecord extends EffectBase {
  type: 'task';
  id: string;
  userId: string;
  title: string;
  description?: string;
  dueAt: number;
  priority?: string;
  completedAt?: number;
}

export interface AppointmentRecord extends EffectBase {
  type: 'appointment';
  id: string;
  userId: string;
  title: string;
  description?: string;
  startsAt: number;
  endsAt: number;
  location?: string;
}

export interface OpportunityRecord extends EffectBase {
  type: 'opportunity';
  id: string;
  userId: string;
  title: string;
  stage: string;
  products: string[];
  projectedRevenue?: number;
  notes?: string;
}

export interface FulfillmentRecord extends EffectBase {
  type: 'fulfillment';
  list: string;
}

export type OrderStatus = 'paid' | 'declined' | 'invoiced' | 'invoicedNoPayment';

export interface OrderRecord extends EffectBase {
  type: 'order';
  id: string;
  /** The id customers see (`~Order.Id~`): `ORD-` and 12 characters, derived from `id`. */
  publicId: string;
  items: OrderItem[];
  total: number;
  payment: PaymentMode;
  status: OrderStatus;
  promoCode?: string;
  /** Payable or not: set for the two invoice modes. */
  invoice?: { id: string; payable: boolean };
}

/**
 * "Charge this card": an order step's autocharge, which the host takes to its
 * payment gateway (network, seconds) outside the engine, then feeds the
 * answer back (`InstantInput.charges`). Not a record and not an outgoing
 * item: the contact's instant stops here until the answer comes.
 */
export interface ChargeCard extends EffectBase {
  type: 'chargeCard';
  idempotencyKey: string;
  orderId: string;
  total: number;
}

/** The gateway's answer to a `ChargeCard`, keyed by its idempotency key. */
export type ChargeAnswer = { key: string; approved: true } | { key: string; approved: false; reason: string };

export type RecordEffect = NoteRecord | TaskRecord | AppointmentRecord | OpportunityRecord | FulfillmentRecord | OrderRecord;
export type OutgoingEffect = OutgoingMessage | OutgoingHttpPost;
export type Effect = RecordEffect | OutgoingEffect;

export function isOutgoing(e: Effect): e is OutgoingEffect {
  return e.type === 'email' || e.type === 'fax' || e.type === 'letter' || e.type === 'httpPost';
}
