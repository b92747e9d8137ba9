/**
 * Checks of one contact record from a contacts file (SEMANTICS §5). A bad
 * value never stops a load: the problem is reported with how to fix it, and
 * the record is kept as written where the engine copes (a bad time zone
 * falls back to the account zone, a bad date makes field timers skip with
 * 'field empty'), or the one unusable field is dropped (tags).
 */
import { IANAZone } from 'luxon';
import { EMAIL_STATUSES, isEmailStatus } from '../engine/email-status';

export interface ContactProblem {
  /** Absent when the record has no usable id. */
  contactId?: string;
  /** Position of the record in the file's array. */
  index: number;
  field: string;
  message: string;
}

/** What the engine reads as a date field: a date, optionally with a time (see engine/time/field-value.ts). */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DAY_FIRST_OR_MONTH_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const STRING_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'fax', 'ownerId', 'company'] as const;

export function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Why `value` is not a readable date, with the fix; `undefined` if it is fine. */
export function dateProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a date written as text "YYYY-MM-DD", not ${typeof value}`;
  const m = DATE.exec(value.trim());
  if (m !== null) {
    if (!isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      return `${JSON.stringify(value)} is not a calendar date; check the month and day`;
    }
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) {
      return `${JSON.stringify(value)} has an impossible time of day`;
    }
    return undefined;
  }
  const dm = DAY_FIRST_OR_MONTH_FIRST.exec(value.trim());
  if (dm !== null) {
    const [a, b, y] = [Number(dm[1]), Number(dm[2]), dm[3]];
    const pad = (n: number) => String(n).padStart(2, '0');
    // Only suggest a rewrite when the order is certain (one part is over 12).
    if (a > 12 && b <= 12) return `${JSON.stringify(value)} is day-first; write it as "${y}-${pad(b)}-${pad(a)}" (YYYY-MM-DD)`;
    if (b > 12 && a <= 12) return `${JSON.stringify(value)} is month-first; write it as "${y}-${pad(a)}-${pad(b)}" (YYYY-MM-DD)`;
  }
  return `${JSON.stringify(value)} is not a date in the form YYYY-MM-DD (for example "1985-12-31")`;
}

let zoneNames: string[] | undefined;

/** The known zone nearest in spelling to `name`, for "did you mean". */
function closestZone(name: string): string | undefined {
  zoneNames ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 5)) + 1;
  for (const z of zoneNames) {
    const d = editDistance(name.toLowerCase(), z.toLowerCase(), bestDistance);
    if (d < bestDistance) [best, bestDistance] = [z, d];
  }
  return best;
}

/** Levenshtein distance, giving up (returning `cap`) once it reaches `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...row) >= cap) return cap;
    prev = row;
  }
  return prev[b.length];
}

export function zoneProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && IANAZone.isValidZone(value)) return undefined;
  const guess = typeof value === 'string' ? closestZone(value) : undefined;
  const hint = guess !== undefined ? `did you mean "${guess}"?` : 'use an IANA name such as "Europe/Rome" or "America/New_York".';
  return `${JSON.stringify(value)} is not a known IANA time zone; ${hint} Until then this contact's times use the account zone`;
}

/**
 * Problems of one record that has a usable id. May repair `record` in place
 * (only `tags`, which the engine cannot read otherwise); everything else is
 * left as written.
 */
export function checkContactRecord(record: Record<string, unknown>, index: number): ContactProblem[] {
  const contactId = record.id as string;
  const problems: ContactProblem[] = [];
  const report = (field: string, message: string) => problems.push({ contactId, index, field, message });

  if (record.timezone !== undefined && record.timezone !== '') {
    const p = zoneProblem(record.timezone);
    if (p !== undefined) report('timezone', `timezone ${p}.`);
  }
  for (const field of ['birthday', 'anniversary']) {
    const value = record[field];
    if (value === undefined || value === null || value === '') continue;
    const p = dateProblem(value);
    if (p !== undefined) report(field, `${field} ${p}. Until then field timers on ${field} skip this contact ('field empty').`);
  }
  if (record.tags !== undefined) {
    if (!Array.isArray(record.tags)) {
      report('tags', `tags must be an array of strings such as ["Customer"], not ${JSON.stringify(record.tags)}; the contact was loaded without tags.`);
      delete record.tags;
    } else if (record.tags.some((t) => typeof t !== 'string')) {
      const bad = record.tags.filter((t) => typeof t !== 'string');
      report('tags', `tags must hold only strings; ${JSON.stringify(bad)} ${bad.length === 1 ? 'was' : 'were'} left out. Quote each tag.`);
      record.tags = record.tags.filter((t) => typeof t === 'string');
    }
  }
  for (const field of STRING_FIELDS) {
    const v = record[field];
    if (v !== undefined && v !== null && typeof v !== 'string') report(field, `${field} must be text; quote it (${JSON.stringify(v)}).`);
  }
  if (record.emailStatus !== undefined && record.emailStatus !== null && !isEmailStatus(record.emailStatus)) {
    report('emailStatus', `emailStatus ${JSON.stringify(record.emailStatus)} is not an email status; use one of ${EMAIL_STATUSES.join(', ')}. Until then the contact is not marketable (marketing emails skip it).`);
  }
  const bounces = record.emailSoftBounces;
  if (bounces !== undefined && bounces !== null && !(typeof bounces === 'number' && Number.isInteger(bounces) && bounces >= 0)) {
    report('emailSoftBounces', `emailSoftBounces must be a whole number from 0, not ${JSON.stringify(bounces)}.`);
  }
  if (record.address !== undefined && (typeof record.address !== 'object' || record.address === null || Array.isArray(record.address))) {
    report('address', 'address must be an object { street, city, state, postalCode, country }; fix it before sending letters to this contact.');
  }
  return problems;
}
