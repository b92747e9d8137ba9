/**
 * The custom contact fields the published sequences declare (`defineContact`,
 * with types and limits): the only custom keys any route writes. Without
 * this, any key a client sends would become a contact field, with any size
 * and any name (`email` too, which delivery would read as the recipient).
 */
import type { FieldType, SequenceIR } from '../../dsl/ir';
import { DEFAULT_FORM_MAX_LENGTH } from '../../dsl/forms';
import { dateProblem } from '../store/contact-checks';

export interface CustomFieldRule {
  type: FieldType;
  /** Longest text value (strings; dates and date-times have their own bound). */
  maxLength: number;
}

export type CustomFieldCatalog = ReadonlyMap<string, CustomFieldRule>;

/** Every custom field of the sequences; a field declared twice keeps its first declaration. */
export function customFieldCatalog(irs: readonly SequenceIR[]): CustomFieldCatalog {
  const out = new Map<string, CustomFieldRule>();
  for (const ir of irs) {
    for (const [name, type] of Object.entries(ir.customFields ?? {})) {
      if (out.has(name)) continue;
      out.set(name, { type, maxLength: ir.customFieldLimits?.[name]?.maxLength ?? DEFAULT_FORM_MAX_LENGTH });
    }
  }
  return out;
}

/** Why `value` does not fit the field, or undefined; `null` always fits (it clears the field). */
export function customValueProblem(rule: { type: FieldType; maxLength?: number }, value: unknown): string | undefined {
  if (value === null) return undefined;
  const max = rule.maxLength ?? DEFAULT_FORM_MAX_LENGTH;
  switch (rule.type) {
    case 'string':
      if (typeof value !== 'string') return `must be text, not ${typeof value}`;
      return value.length > max ? `is ${value.length} characters long; at most ${max} are accepted` : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a number, not ${JSON.stringify(value)?.slice(0, 40)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      if (typeof value === 'string' && value.length > 40) return 'is not a date in the form YYYY-MM-DD';
      return dateProblem(value);
    case 'datetime':
      if (typeof value !== 'string' || value.length > 40 || Number.isNaN(Date.parse(value))) {
        return 'must be a date and time such as "2026-12-31T09:00:00Z"';
      }
      return undefined;
  }
}
