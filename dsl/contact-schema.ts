/**
 * The contact schema: Keap's standard fields, custom fields declared once
 * with `defineContact`, and the type-level helpers that carry the schema
 * through the builder chain (date fields for `fieldTimer`, value types for
 * `setField`).
 */
import type { FieldType } from './ir';
import type { DateText } from './time-syntax';

/** Keap's standard contact fields that sequences may read or write. */
export const STANDARD_FIELDS = {
  firstName: 'string',
  middleName: 'string',
  lastName: 'string',
  nickname: 'string',
  email: 'string',
  phone: 'string',
  fax: 'string',
  company: 'string',
  jobTitle: 'string',
  website: 'string',
  leadSource: 'string',
  timezone: 'string',
  birthday: 'date',
  anniversary: 'date',
  ownerId: 'string',
  street: 'string',
  city: 'string',
  state: 'string',
  postalCode: 'string',
  country: 'string',
} as const satisfies Record<string, FieldType>;

export type StandardFields = typeof STANDARD_FIELDS;
export type StandardFieldName = keyof StandardFields;

/** A declaration of custom fields: name → type. */
export type CustomFieldSchema = Record<string, FieldType>;

export type AllFields<S extends CustomFieldSchema> = Omit<StandardFields, keyof S> & S;

/** Names of the date and date-time fields of a schema: what `fieldTimer()` accepts. */
export type DateFieldName<S extends CustomFieldSchema> = {
  [K in keyof AllFields<S>]: AllFields<S>[K] extends 'date' | 'datetime' ? K : never;
}[keyof AllFields<S>] & string;

/** Fields a sequence may write: everything except the id-like `ownerId` (use `assignOwner`). */
export type WritableFieldName<S extends CustomFieldSchema> = Exclude<keyof AllFields<S> & string, 'ownerId'>;

/** The TypeScript type of a value for a field type. */
export type ValueOfFieldType<T> =
  T extends 'string' ? string :
  T extends 'number' ? number :
  T extends 'boolean' ? boolean :
  T extends 'date' ? DateText :
  T extends 'datetime' ? string :
  never;

/** The value `setField(field, value)` accepts for a field; `null` clears it. */
export type FieldValueOf<S extends CustomFieldSchema, F extends keyof AllFields<S>> =
  ValueOfFieldType<AllFields<S>[F]> | null;

/** Type of a field at run time, looking at custom fields first. */
export function fieldType(name: string, custom: CustomFieldSchema): FieldType | undefined {
  if (Object.prototype.hasOwnProperty.call(custom, name)) return custom[name];
  if (Object.prototype.hasOwnProperty.call(STANDARD_FIELDS, name)) {
    return STANDARD_FIELDS[name as StandardFieldName];
  }
  return undefined;
}

export function allFieldNames(custom: CustomFieldSchema): string[] {
  return [...Object.keys(STANDARD_FIELDS), ...Object.keys(custom)];
}
