/**
 * The consent ledger's and suppression list's shapes: plain JSON kept by
 * the store, written only by the live host's consent commands. Types
 * only: the rules are in `email-status.ts`.
 */
import type { EmailStatus } from './email-status';

/** Where a change of consent came from. */
export interface ConsentSource {
  kind: 'form' | 'api' | 'import' | 'one-click' | 'unsubscribe-page' | 'double-opt-in' | 'smtp' | 'webhook' | 'admin';
  /** The form id, API client, import file, webhook provider... */
  id?: string;
  /** The address the request came from (forms, unsubscribe pages). */
  ip?: string;
  /** The consent wording the person was shown. */
  wording?: string;
}

/** `suppressed`: the address was on the suppression list; `address-changed`: a new address changed the status. */
export type ConsentEvent =
  | 'created' | 'confirmed' | 'unsubscribed' | 'hard-bounce' | 'soft-bounce' | 'complaint' | 'suppressed' | 'address-changed';

/** One line of a contact's consent ledger: append-only, oldest first. */
export interface ConsentEntry {
  contactId: string;
  at: number;
  event: ConsentEvent;
  /** The address the line is about (a contact may change address). */
  email?: string;
  /** The status after this line. */
  status: EmailStatus;
  source: ConsentSource;
  /** The step whose email led here (an unsubscribe link), and its sequence. */
  sequenceId?: string;
  stepId?: string;
  /** A bounce's SMTP answer, a complaint's feedback type. */
  detail?: string;
}

/**
 * An address never to be mailed again, kept as a hash so that it survives
 * the contact's erasure without keeping the address itself.
 */
export interface SuppressionEntry {
  /** SHA-256 (hex) of the trimmed, lower-cased address. */
  hash: string;
  /** Why: the status the address got (unsubscribed, hard-bounce, complaint...). */
  status: EmailStatus;
  at: number;
  source: ConsentSource['kind'];
}
