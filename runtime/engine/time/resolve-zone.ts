/**
 * Which zone a timer's calendar rules use (SEMANTICS §2): `tz: 'contact'`
 * is the contact's `timezone` field, falling back to the account zone; an
 * explicit IANA name is itself; no `tz` (or `'account'`) is the account zone.
 */
import { isValidZone } from './zone-offsets';

export interface ZoneContext {
  /** The account zone from config (default `'UTC'`); must be valid. */
  accountZone: string;
  /** The contact's `timezone` field, as stored (may be empty or garbage). */
  contactZone?: string | null;
}

export interface ResolvedZone {
  zone: string;
  /**
   * `false` when the rule was honoured. Otherwise why the account zone was
   * used instead: `'missing'` (tz 'contact' and the contact has no zone; a
   * normal case) or `'invalid'` (the contact's zone, or an explicit zone
   * that slipped past the validator, is not a zone the system knows; worth
   * a warning naming the contact).
   */
  fellBack: false | 'missing' | 'invalid';
}

/**
 * @example resolveZone('contact', { accountZone: 'UTC', contactZone: 'Asia/Kolkata' })
 *   // { zone: 'Asia/Kolkata', fellBack: false }
 * @example resolveZone('contact', { accountZone: 'UTC', contactZone: 'Mars/Olympus' })
 *   // { zone: 'UTC', fellBack: 'invalid' }
 */
export function resolveZone(rule: string | undefined, ctx: ZoneContext): ResolvedZone {
  const account = ctx.accountZone;
  if (!isValidZone(account)) {
    throw new RangeError(`The account time zone ${JSON.stringify(account)} is not a known IANA zone: set it to a name such as 'America/New_York' or 'UTC'.`);
  }
  if (rule === undefined || rule === 'account') return answer(account, account, false);
  if (rule === 'contact') {
    const own = typeof ctx.contactZone === 'string' ? ctx.contactZone.trim() : '';
    if (own === '') return answer(account, account, 'missing');
    return isValidZone(own) ? answer(account, own, false) : answer(account, account, 'invalid');
  }
  return isValidZone(rule) ? answer(account, rule, false) : answer(account, account, 'invalid');
}

/**
 * Answers are shared and frozen: every timer of a dry run asks, and there are
 * only a few distinct answers (zone names times three ways), so one object
 * each instead of one per timer. Keyed by account zone, then by how, then zone.
 */
const answers = new Map<string, Map<string, ResolvedZone>>();

function answer(account: string, zone: string, fellBack: ResolvedZone['fellBack']): ResolvedZone {
  let byZone = answers.get(account);
  if (byZone === undefined) {
    // Valid zone names only reach here, but bound the memo like isValidZone's.
    if (answers.size >= 100) answers.clear();
    answers.set(account, (byZone = new Map()));
  }
  const key = fellBack === false ? zone : `${fellBack}\u0000${zone}`;
  let a = byZone.get(key);
  if (a === undefined) {
    if (byZone.size >= 10_000) byZone.clear();
    byZone.set(key, (a = Object.freeze({ zone, fellBack })));
  }
  return a;
}
