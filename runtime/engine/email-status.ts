/**
 * Email status: whether marketing email may go to a contact's address, in
 * Keap's vocabulary (docs/semantics.md, "Email status and consent"). Pure
 * rules shared by both hosts and the store checks: the engine reads the
 * status to skip a marketing email, the live host's consent commands move
 * it, and nothing else may.
 *
 * A contact without a status (every contact written before statuses
 * existed, and contacts files that do not set one) is `unconfirmed`:
 * single opt-in, marketable, as Keap treats a web form or a manual add.
 */
import type { Contact } from './model';

export const EMAIL_STATUSES = [
  'unconfirmed', 'confirmed', 'non-marketable', 'unsubscribed', 'list-unsubscribe',
  'hard-bounce', 'soft-bounce', 'complaint', 'invalid',
] as const;

export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** The status a contact without one has. */
export const DEFAULT_EMAIL_STATUS: EmailStatus = 'unconfirmed';

/** Soft bounces in a row after which the address is non-marketable (`soft-bounce`). */
export const SOFT_BOUNCE_LIMIT = 3;

const MARKETABLE: ReadonlySet<EmailStatus> = new Set(['unconfirmed', 'confirmed']);
/** The person said stop (or reported spam): only the person can undo it, by double opt-in. */
const OPTED_OUT: ReadonlySet<EmailStatus> = new Set(['unsubscribed', 'list-unsubscribe', 'complaint']);
/** Statuses that put the address on the suppression list. */
const SUPPRESSING: ReadonlySet<EmailStatus> = new Set(['unsubscribed', 'list-unsubscribe', 'complaint', 'hard-bounce']);

export function isEmailStatus(v: unknown): v is EmailStatus {
  return typeof v === 'string' && (EMAIL_STATUSES as readonly string[]).includes(v);
}

export function isMarketable(status: EmailStatus): boolean {
  return MARKETABLE.has(status);
}

export function isOptedOut(status: EmailStatus): boolean {
  return OPTED_OUT.has(status);
}

export function suppresses(status: EmailStatus): boolean {
  return SUPPRESSING.has(status);
}

/**
 * The contact's status: absent is the default (see the file comment); a
 * value that is not a status is `non-marketable`, so a misspelt
 * `"unsubscibed"` is never mailed (the contacts-file check names it).
 */
export function emailStatusOf(contact: Pick<Contact, 'emailStatus'>): EmailStatus {
  const s = contact.emailStatus;
  if (s === undefined || s === null) return DEFAULT_EMAIL_STATUS;
  return isEmailStatus(s) ? s : 'non-marketable';
}

/** `hard-bounce` → `hard bounce`: the words a skip reason and a person read. */
export function statusWords(status: EmailStatus): string {
  return status === 'non-marketable' ? status : status.replace(/-/g, ' ');
}

/** The skip reason of a marketing email to an address with this status. */
export function notMarketableReason(status: EmailStatus): string {
  return `not marketable: ${statusWords(status)}`;
}

export type EmailEventKind = 'hard-bounce' | 'soft-bounce' | 'complaint';

/** The address's status after an unsubscribe, or `undefined` if it does not change (already opted out). */
export function statusAfterUnsubscribe(current: EmailStatus, oneClick: boolean): EmailStatus | undefined {
  if (isOptedOut(current)) return undefined;
  return oneClick ? 'list-unsubscribe' : 'unsubscribed';
}

/**
 * The status and soft-bounce count after a delivery event. A complaint
 * outranks everything (the person said this is spam); a hard bounce
 * outranks all but an opt-out (the person's own word stays on record);
 * soft bounces only count while the address is marketable.
 */
export function statusAfterEmailEvent(
  current: EmailStatus, softBounces: number, kind: EmailEventKind,
): { status: EmailStatus; softBounces: number } {
  if (kind === 'complaint') return { status: 'complaint', softBounces };
  if (kind === 'hard-bounce') return { status: isOptedOut(current) ? current : 'hard-bounce', softBounces };
  if (!isMarketable(current)) return { status: current, softBounces };
  const count = softBounces + 1;
  return { status: count >= SOFT_BOUNCE_LIMIT ? 'soft-bounce' : current, softBounces: count };
}

/**
 * The status after a confirmation, or `undefined` if it may not change.
 * Only the person (`byPerson`: a double opt-in click) can opt back in an
 * address that opted out or bounced; anyone else may confirm an address
 * that never said no.
 */
export function statusAfterConfirm(current: EmailStatus, byPerson: boolean): EmailStatus | undefined {
  if (current === 'confirmed') return undefined;
  if (byPerson) return 'confirmed';
  if (isOptedOut(current) || current === 'hard-bounce' || current === 'invalid') return undefined;
  return 'confirmed';
}
