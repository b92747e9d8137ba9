/**
 * Keap-style merge fields: `~Contact.FirstName~`, `~Owner.Email~`,
 * `~Contact.FirstName|there~` (after `|`, a fallback for an empty value),
 * the account's `~Account.Name~` and `~Account.Address~` (nudge.config.json),
 * and `~Unsubscribe~`, the contact's unsubscribe link for this email.
 *
 * The catalogue maps each merge name to where its value lives, so the
 * validator can reject `~Contact.Fristname~` at check time and the engine
 * can render the rest.
 */
import { STANDARD_FIELDS } from './contact-schema';
import type { CustomFieldSchema } from './contact-schema';

export interface MergeToken {
  /** The whole token as written, `~Contact.FirstName|there~`. */
  raw: string;
  /** `Contact`, `Owner`, `Order`... as written (`Unsubscribe` for `~Unsubscribe~`). */
  object: string;
  /** `FirstName` as written (empty for `~Unsubscribe~`). */
  field: string;
  fallback?: string;
  /** Offset of the token in the text. */
  index: number;
}

const TOKEN_RE = /~(?:([A-Za-z]+)\.([A-Za-z0-9_]+)(?:\|([^~]*))?|(Unsubscribe))~/g;

export function findMergeTokens(text: string): MergeToken[] {
  const tokens: MergeToken[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    if (m[4] !== undefined) tokens.push({ raw: m[0], object: m[4], field: '', index: m.index ?? 0 });
    else tokens.push({ raw: m[0], object: m[1], field: m[2], fallback: m[3], index: m.index ?? 0 });
  }
  return tokens;
}

/** The catalogue name of a token: `Contact.FirstName`, or `Unsubscribe`. */
export function mergeName(token: Pick<MergeToken, 'object' | 'field'>): string {
  return token.field === '' ? token.object : `${token.object}.${token.field}`;
}

/** The unsubscribe link's catalogue name and target: not data of the contact, a link delivery fills in. */
export const UNSUBSCRIBE_MERGE = 'Unsubscribe';
export const ACCOUNT_ADDRESS_MERGE = 'Account.Address';

/** Merge names of the contact's standard fields where Keap's name is not the PascalCase of ours. */
const KEAP_CONTACT_ALIASES: Record<string, string> = {
  Id: 'id',
  Phone1: 'phone',
  Fax1: 'fax',
  StreetAddress1: 'street',
  Title: 'jobTitle',
  TimeZone: 'timezone',
  OwnerID: 'ownerId',
};

const OWNER_FIELDS: Record<string, string> = {
  Id: 'id',
  FirstName: 'firstName',
  LastName: 'lastName',
  Email: 'email',
  Phone: 'phone',
  Phone1: 'phone',
  Signature: 'signature',
};

const ORDER_FIELDS: Record<string, string> = {
  Id: 'id',
  Total: 'total',
  Products: 'products',
  InvoiceUrl: 'invoiceUrl',
};

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Every valid merge name for a schema, as `Object.Field`, mapped to
 * `[object, property]` of the data the engine merges from. Custom fields
 * take Keap's `_` prefix too (`~Contact._LeadScore~`).
 */
export function mergeCatalog(custom: CustomFieldSchema): Map<string, [string, string]> {
  const catalog = new Map<string, [string, string]>();
  for (const name of [...Object.keys(STANDARD_FIELDS), 'id']) {
    catalog.set(`Contact.${pascal(name)}`, ['contact', name]);
  }
  for (const [merge, prop] of Object.entries(KEAP_CONTACT_ALIASES)) catalog.set(`Contact.${merge}`, ['contact', prop]);
  for (const name of Object.keys(custom)) {
    catalog.set(`Contact.${pascal(name)}`, ['contact', name]);
    catalog.set(`Contact._${pascal(name)}`, ['contact', name]);
  }
  for (const [merge, prop] of Object.entries(OWNER_FIELDS)) catalog.set(`Owner.${merge}`, ['owner', prop]);
  for (const [merge, prop] of Object.entries(ORDER_FIELDS)) catalog.set(`Order.${merge}`, ['order', prop]);
  catalog.set('Account.Name', ['account', 'name']);
  catalog.set(ACCOUNT_ADDRESS_MERGE, ['account', 'address']);
  catalog.set(UNSUBSCRIBE_MERGE, ['link', 'unsubscribe']);
  return catalog;
}
