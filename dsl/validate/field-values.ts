/**
 * Does a setField value fit the field's type? Returns what to write instead,
 * or undefined when the value is fine. `null` clears any field.
 */
import type { FieldType, FieldValue } from '../ir';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;

/** True for a `YYYY-MM-DD` text naming a day that exists (no 30 February). */
export function isRealDateText(text: string): boolean {
  const m = DATE_RE.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isDateTimeText(text: string): boolean {
  const m = DATETIME_RE.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function valueProblem(type: FieldType, value: FieldValue): string | undefined {
  if (value === null) return undefined;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : `Write a text value in quotes, e.g. '${String(value)}', or null to clear it.`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'Write a number, e.g. 10, or null to clear it.';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Write true or false, or null to clear it.';
    case 'date':
      return typeof value === 'string' && isRealDateText(value)
        ? undefined
        : "Write a real calendar date 'YYYY-MM-DD', e.g. '2026-12-24', or null to clear it.";
    case 'datetime':
      return typeof value === 'string' && isDateTimeText(value)
        ? undefined
        : "Write an ISO date-time 'YYYY-MM-DDTHH:MM' (optionally with seconds and Z or ±HH:MM), e.g. '2026-12-24T09:00Z', or null to clear it.";
    default:
      return undefined;
  }
}

/** `"ten" (a string)`: a value as messages quote it. */
export function describeValue(value: FieldValue): string {
  const kind = value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  return `${JSON.stringify(value)} (${kind})`;
}
