/**
 * `defineForm`: what a public web form accepts. A form post comes from
 * anyone on the internet, so the form says which contact fields it may
 * write (with their limits), which tags a post may ask for, and which
 * fields a post for an existing contact may overwrite; everything else is
 * refused by the runtime (`POST /forms/:formId`). Pass the result to
 * `formSubmitted(form)`.
 *
 * A form with no declaration accepts `email`, `firstName` and `lastName`
 * only, no tags, and fills only empty fields of an existing contact.
 */
import type { FieldType, FormFieldIR, FormIR } from './ir';
import type { AllFields, CustomFieldSchema, StandardFields } from './contact-schema';
import { DslError } from './errors';

/**
 * Standard fields a form may accept (besides `email`, which every form
 * takes and which is how it finds the contact). `address` holds street,
 * city, state, postalCode and country; `ownerId`, tags and the card are
 * never form fields.
 */
export const FORM_STANDARD_FIELDS = {
  firstName: 'string',
  lastName: 'string',
  phone: 'string',
  fax: 'string',
  company: 'string',
  timezone: 'string',
  birthday: 'date',
  anniversary: 'date',
  address: 'string',
} as const satisfies Record<string, FieldType>;

/** What an undeclared form accepts. */
export const UNDECLARED_FORM: FormIR = {
  fields: { firstName: { type: 'string', maxLength: 100 }, lastName: { type: 'string', maxLength: 100 } },
  tags: [],
  updatable: [],
  doubleOptIn: false,
};

/** Longest text a form field takes when the declaration names no `maxLength`. */
export const DEFAULT_FORM_MAX_LENGTH = 1000;

/** Names a form of schema `S` may accept. */
export type FormFieldName<S extends CustomFieldSchema> =
  | keyof typeof FORM_STANDARD_FIELDS
  | Exclude<keyof S & string, keyof StandardFields>;

/** One accepted field: `{}` (its contact type, 1000 characters), or limits. */
export interface FormFieldOptions {
  /** Longest value in characters (each part of `address`). Default 1000. */
  maxLength?: number;
  /** The post is refused without it. Default false. */
  required?: boolean;
}

export interface FormDeclaration<S extends CustomFieldSchema = {}, F extends FormFieldName<S> = FormFieldName<S>> {
  /** The fields the form accepts besides `email`; anything else in a post is refused. */
  fields: { [K in F]: FormFieldOptions | true };
  /** Tags a post may ask for (`tags` in the body); others are refused. Default none. */
  tags?: string[];
  /** Fields a post for an existing contact may overwrite; the others only fill empty ones. Default none. */
  updatable?: NoInfer<F>[];
  /** The contact is marketable only after clicking a confirmation email. Default false. */
  doubleOptIn?: boolean;
}

/** A declared form, as `formSubmitted(form)` takes it. */
export interface FormDefinition {
  readonly nudgeForm: true;
  readonly id: string;
  readonly declaration: FormIR;
  /** The custom fields of the `defineContact` it came from: the sequence declares them too. */
  readonly schema?: { customFields: Readonly<CustomFieldSchema>; customFieldLimits: Readonly<Record<string, { maxLength?: number }>> };
}

/** Where a goal made from a form keeps its schema for `sequence()` (not part of the IR). */
export const FORM_SCHEMA: unique symbol = Symbol('nudge.formSchema');

const isDefinition = (v: unknown): v is FormDefinition =>
  typeof v === 'object' && v !== null && (v as { nudgeForm?: unknown }).nudgeForm === true;

export { isDefinition as isFormDefinition };

/**
 * Declare what a public web form accepts (custom fields: use `contact.form(...)`
 * of your `defineContact`, so their names are checked too).
 * @example
 * const signup = defineForm('newsletter-signup', {
 *   fields: { firstName: { maxLength: 100 }, lastName: true },
 *   tags: ['Newsletter'],
 *   updatable: ['firstName'],
 * });
 * sequence('welcome', { startOn: formSubmitted(signup), paths: [...] })
 */
export function defineForm<const F extends FormFieldName<{}>>(id: string, declaration: FormDeclaration<{}, F>): FormDefinition {
  return formWithSchema<{}>(id, declaration, {});
}

/** `defineForm` knowing the declared custom fields and their types; used by `defineContact`. */
export function formWithSchema<S extends CustomFieldSchema>(
  id: string, declaration: FormDeclaration<S, any>, custom: Readonly<S>, limits: Readonly<Record<string, { maxLength?: number }>> = {},
): FormDefinition {
  if (typeof id !== 'string' || id.trim() === '') throw new DslError(`defineForm needs a form id, got ${JSON.stringify(id)}.`);
  if (!declaration || typeof declaration !== 'object' || typeof declaration.fields !== 'object' || declaration.fields === null) {
    throw new DslError(`defineForm('${id}') needs { fields: { ... } }: the fields the form accepts besides email.`);
  }
  const fields: Record<string, FormFieldIR> = {};
  for (const [name, options] of Object.entries(declaration.fields as Record<string, FormFieldOptions | true>)) {
    const type: FieldType | undefined = Object.prototype.hasOwnProperty.call(custom, name)
      ? (custom as AllFields<S> & Record<string, FieldType>)[name]
      : (FORM_STANDARD_FIELDS as Record<string, FieldType>)[name];
    // An unknown name is kept (type 'string') for `nudge check` to report with a suggestion.
    const opts = options === true ? {} : options ?? {};
    const maxLength = opts.maxLength ?? limits[name]?.maxLength;
    if (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1)) {
      throw new DslError(`defineForm('${id}'): field '${name}' maxLength must be a whole number of at least 1, got ${JSON.stringify(maxLength)}.`);
    }
    fields[name] = { type: type ?? 'string', ...(maxLength !== undefined ? { maxLength } : {}), ...(opts.required ? { required: true } : {}) };
  }
  const tags = declaration.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || t.trim() === '')) {
    throw new DslError(`defineForm('${id}'): 'tags' is a list of tag names, got ${JSON.stringify(declaration.tags)}.`);
  }
  const updatable = (declaration.updatable ?? []) as string[];
  if (!Array.isArray(updatable)) throw new DslError(`defineForm('${id}'): 'updatable' is a list of field names.`);
  const form: FormIR = { fields, tags: [...tags], updatable: [...updatable], doubleOptIn: declaration.doubleOptIn === true };
  const schema = Object.keys(custom).length > 0 ? { customFields: custom, customFieldLimits: limits } : undefined;
  return Object.freeze({ nudgeForm: true as const, id, declaration: form, ...(schema ? { schema } : {}) });
}
