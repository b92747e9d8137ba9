/**
 * `defineContact`: declare custom contact fields once and get a `start()`
 * whose chain knows them, so `fieldTimer()` and `setField()` check names
 * and value types against the schema.
 */
import type { FieldType } from './ir';
import type { CustomFieldSchema } from './contact-schema';
import { STANDARD_FIELDS } from './contact-schema';
import { PathBuilder, startWithSchema } from './path-builder';
import { DslError } from './errors';

const FIELD_TYPES: readonly FieldType[] = ['string', 'number', 'boolean', 'date', 'datetime'];

export interface ContactSchema<S extends CustomFieldSchema> {
  /** The declared custom fields. */
  readonly fields: Readonly<S>;
  /**
   * Begin a start path that knows the declared fields.
   * @example
   * const contact = defineContact({ renewalDate: 'date' });
   * contact.start().fieldTimer('renewalDate', { offset: '-30d' })
   */
  start(label?: string): PathBuilder<S>;
}

/**
 * Declare custom contact fields (Keap's standard fields are built in).
 * @example
 * const contact = defineContact({ leadScore: 'number', renewalDate: 'date' });
 * contact.start().setField('leadScore', 50).fieldTimer('renewalDate', { offset: '-1mo' })
 */
export function defineContact<const S extends CustomFieldSchema>(fields: S): ContactSchema<S> {
  for (const [name, type] of Object.entries(fields)) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      throw new DslError(`Custom field name ${JSON.stringify(name)} must start with a letter and use only letters, digits and '_'.`);
    }
    if (!FIELD_TYPES.includes(type)) {
      throw new DslError(`Custom field '${name}' has unknown type ${JSON.stringify(type)}: use ${FIELD_TYPES.join(', ')}.`);
    }
    if (Object.prototype.hasOwnProperty.call(STANDARD_FIELDS, name)) {
      throw new DslError(`'${name}' is a standard contact field; custom fields need another name.`);
    }
  }
  const frozen = Object.freeze({ ...fields });
  return { fields: frozen, start: (label?: string) => startWithSchema<S>(frozen, label) };
}
