/**
 * Unsubscribe and opt-in confirmation links: `<publicUrl>/u/<token>` and
 * `<publicUrl>/c/<token>`, each a sealed token (sealed-token.ts) bound to
 * its purpose, so nobody can read the contact id in it, make one for
 * another contact, or use an unsubscribe token as a confirmation.
 *
 * Delivery fills them in when it sends: the engine writes placeholders
 * (`nudge:unsubscribe`, `nudge:confirm`), since it knows neither the
 * server's address nor its key. Every link belongs to the email's own
 * contact, whatever the body says.
 *
 * @example
 *   const links = consentLinks({ baseUrl: 'https://nudge.acme.test', secret });
 *   links.unsubscribe(effect); // { url: 'https://nudge.acme.test/u/3q2-7w...' }
 *   readUnsubscribeToken(deriveTokenKey(secret), token, Date.now()); // { contactId, sequenceId, stepId } or null
 */
import { UNSUBSCRIBE_PLACEHOLDER } from '../engine/merge';
import { deriveTokenKey, openToken, sealToken } from './sealed-token';

export { UNSUBSCRIBE_PLACEHOLDER };
/** What an opt-in confirmation email's body holds where its link goes. */
export const CONFIRM_PLACEHOLDER = 'nudge:confirm';

const DAY_MS = 86_400_000;
/** An unsubscribe link keeps working for two years after its email (CAN-SPAM asks for at least 30 days). */
export const UNSUBSCRIBE_TTL_MS = 730 * DAY_MS;
/** A confirmation link works for 30 days; after that the person signs up again. */
export const CONFIRM_TTL_MS = 30 * DAY_MS;

export interface ConsentLinksConfig {
  /** The server's public address (`publicUrl`), no trailing slash needed. */
  baseUrl: string;
  /** The secret the server's sealed-token key is derived from. */
  secret: string;
  /** Mailbox of List-Unsubscribe's mailto: (`unsubscribe@acme.test`), if any. */
  mailto?: string;
}

interface LinkSubject {
  contactId: string;
  sequenceId: string;
  stepId: string;
  at: number;
}

export interface ConsentLinks {
  /** The email's unsubscribe link and, with a configured mailbox, a mailto with the same token as subject. */
  unsubscribe(email: LinkSubject): { url: string; mailto?: string };
  confirmUrl(email: LinkSubject & { formId: string }): string;
}

export function consentLinks(config: ConsentLinksConfig): ConsentLinks {
  const key = deriveTokenKey(config.secret);
  const base = config.baseUrl.replace(/\/+$/, '');
  return {
    unsubscribe(e) {
      // A resend seals a new nonce, with the same claims and expiry.
      const token = sealToken(key, 'unsubscribe', { c: e.contactId, s: e.sequenceId, t: e.stepId }, e.at + UNSUBSCRIBE_TTL_MS);
      return { url: `${base}/u/${token}`, ...(config.mailto ? { mailto: `mailto:${config.mailto}?subject=${token}` } : {}) };
    },
    confirmUrl: (e) => `${base}/c/${sealToken(key, 'confirm', { c: e.contactId, f: e.formId }, e.at + CONFIRM_TTL_MS)}`,
  };
}

export interface UnsubscribeClaims {
  contactId: string;
  sequenceId?: string;
  stepId?: string;
}

/** The contact (and email) of a valid, unexpired unsubscribe token; null for anything else. */
export function readUnsubscribeToken(key: Buffer, token: unknown, now: number): UnsubscribeClaims | null {
  const opened = openToken(key, 'unsubscribe', token, now);
  if (!opened.ok) return null;
  const { c, s, t } = opened.claims;
  if (typeof c !== 'string' || c === '') return null;
  return { contactId: c, ...(typeof s === 'string' && s ? { sequenceId: s } : {}), ...(typeof t === 'string' && t ? { stepId: t } : {}) };
}

/** The contact and form of a valid, unexpired confirmation token; null for anything else. */
export function readConfirmToken(key: Buffer, token: unknown, now: number): { contactId: string; formId: string } | null {
  const opened = openToken(key, 'confirm', token, now);
  if (!opened.ok) return null;
  const { c, f } = opened.claims;
  if (typeof c !== 'string' || c === '' || typeof f !== 'string' || f === '') return null;
  return { contactId: c, formId: f };
}
