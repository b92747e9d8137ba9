/**
 * `defineContact`: declare custom contact fields once and get a `start()`
 * whose chain knows them, so `fieldTimer()` and `setField()` check names
 * and value types against the schema, and a `form()` whose declaration may
 * accept them. A field is a type (`'string'`), or a type with limits
 * (`{ type: 'string', maxLength: 40 }`): the runtime refuses values of
 * another type, longer text, and custom fields nobody declared.
 */
import type { CustomFieldLimits, FieldType } from './ir';
import type { CustomFieldSchema } from './contact-schema';
import { STANDARD_FIELDS } from './contact-schema';
import { PathBuilder, startWithSchema } from './path-builder';
import { DslError } from './errors';
import { formWithSchema, type FormDeclaration, type FormDefinition, type FormFieldName } from './forms';

const FIELD_TYPES: readonly FieldType[] = ['string', 'number', 'boolean', 'date', 'datetime'];

/** A custom field's declaration: its type, or its type with limits. */
export type CustomFieldSpec = FieldType | ({ type: FieldType } & CustomFieldLimits);

/** The types of a declaration, what the builder chain checks against. */
export type TypesOf<D extends Record<string, CustomFieldSpec>> = {
  [K in keyof D]: D[K] extends FieldType ? D[K] : D[K] extends { type: infer T extends FieldType } ? T : never;
};


export interface ContactSchema<S extends CustomFieldSchema> {
  /** The declared custom fields. */
  readonly fields: Readonly<S>;
  /** Limits of the fields declared with them. */
  readonly limits: Readonly<Record<string, CustomFieldLimits>>;
  /**
   * Begin a start path that knows the declared fields.
   * @example
   * const contact = defineContact({ renewalDate: 'date' });
   * contact.start().fieldTimer('renewalDate', { offset: '-30d' })
   */
  start(label?: string): PathBuilder<S>;
  /**
   * `defineForm` that may accept the declared custom fields too.
   * @example
   * const contact = defineContact({ favouriteRoast: { type: 'string', maxLength: 40 } });
   * const signup = contact.form('newsletter-signup', { fields: { firstName: true, favouriteRoast: true } });
   */
  form<const F extends FormFieldName<S>>(id: string, declaration: FormDeclaration<S, F>): FormDefinition;
}

/**
 * Declare custom contact fields (Keap's standard fields are built in).
 * @example
 * const contact = defineContact({ leadScore: 'number', renewalDate: 'date', planName: { type: 'string', maxLength: 60 } });
 * contact.start().setField('leadScore', 50).fieldTimer('renewalDate', { offset: '-1mo' })
 */
export function defineContact<const D extends Record<string, CustomFieldSpec>>(declared: D): ContactSchema<TypesOf<D>> {
  const fields: Record<string, FieldType> = {};
  const limits: Record<string, CustomFieldLimits> = {};
  for (const [name, spec] of Object.entries(declared)) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      throw new DslError(`Custom field name ${JSON.stringify(name)} must start with a letter and use only letters, digits and '_'.`);
    }
    const type = typeof spec === 'object' && spec !== null ? spec.type : spec;
    if (!FIELD_TYPES.includes(type)) {
      throw new DslError(`Custom field '${name}' has unknown type ${JSON.stringify(type)}: use ${FIELD_TYPES.join(', ')}.`);
    }
    if (Object.prototype.hasOwnProperty.call(STANDARD_FIELDS, name)) {
      throw new DslError(`'${name}' is a standard contact field; custom fields need another name.`);
    }
    fields[name] = type;
    if (typeof spec === 'object' && spec !== null && spec.maxLength !== undefined) {
      if (!Number.isInteger(spec.maxLength) || spec.maxLength < 1) {
        throw new DslError(`Custom field '${name}': maxLength must be a whole number of at least 1, got ${JSON.stringify(spec.maxLength)}.`);
      }
      if (type !== 'string') throw new DslError(`Custom field '${name}': maxLength is for 'string' fields, not '${type}'.`);
      limits[name] = { maxLength: spec.maxLength };
    }
  }
  const frozen = Object.freeze(fields) as Readonly<TypesOf<D>>;
  const frozenLimits = Object.freeze(limits);
  return {
    fields: frozen,
    limits: frozenLimits,
    start: (label?: string) => startWithSchema<TypesOf<D>>(frozen, label, frozenLimits),
    form: (id, declaration) => formWithSchema(id, declaration, frozen, frozenLimits),
  };
}
