/**
 * A fulfillment list as CSV for the people who pack and post (RFC 4180:
 * CRLF line ends, fields with a comma, quote or line break in double
 * quotes, quotes doubled). No CSV library is installed and quoting is all
 * that writing needs, so it is done here.
 *
 * A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a CR as a formula (`=HYPERLINK(...)`, `+cmd|...`), and contact data comes
 * from public forms: such a cell is written as OWASP recommends for CSV
 * injection, prefixed with a single quote and quoted (`"'=1+2"`).
 */
import type { FulfillmentRecord } from '../engine/effects';
import type { ContactStore } from './contact-store';

export const FULFILLMENT_CSV_COLUMNS = [
  'contact id',
  'first name',
  'last name',
  'email',
  'street',
  'city',
  'state',
  'postal code',
  'country',
  'added at',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  if (FORMULA_START.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/**
 * One row per entry of the list, in the order contacts were added, with
 * the contact's current name and address (empty if the contact is gone).
 */
export async function fulfillmentCsv(store: ContactStore, list: string): Promise<string> {
  const entries = (await store.listRecords('fulfillment', { list })) as FulfillmentRecord[];
  const contacts = await store.getContacts([...new Set(entries.map((e) => e.contactId))]);
  let csv = csvLine([...FULFILLMENT_CSV_COLUMNS]);
  for (const e of entries) {
    const c = contacts.get(e.contactId);
    const a = c?.address;
    csv += csvLine([
      e.contactId,
      c?.firstName,
      c?.lastName,
      c?.email,
      a?.street,
      a?.city,
      a?.state,
      a?.postalCode,
      a?.country,
      new Date(e.at).toISOString(),
    ]);
  }
  return csv;
}
