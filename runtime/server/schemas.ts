/**
 * JSON Schemas shared by the routes. Bodies list every property they take
 * and refuse the rest (`additionalProperties: false`): a misspelt field
 * is an error the client sees, not a value silently dropped. Custom contact
 * fields therefore travel in `custom`, not beside the standard ones.
 */

/** Loose on purpose: one @, no spaces. Whether it delivers is the mail server's call. */
export const EMAIL = '^[^\\s@]+@[^\\s@]+$';

/** Standard text fields: `null` clears one on PATCH. */
const text = { type: ['string', 'null'], maxLength: 1000 } as const;
/** Ids are short, printable and free of path separators (they end up in URLs and file names). */
export const idSchema = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^/\\s]+$' } as const;

export const addressSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { street: text, city: text, state: text, postalCode: text, country: text },
} as const;

/** The standard contact fields a client may write (SEMANTICS §5), plus `custom`. */
export const contactFieldsSchema = {
  email: { type: ['string', 'null'], maxLength: 320, pattern: EMAIL },
  firstName: text,
  lastName: text,
  phone: text,
  fax: text,
  company: text,
  timezone: text,
  birthday: text,
  anniversary: text,
  ownerId: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
  address: addressSchema,
  card: {
    type: 'object',
    additionalProperties: false,
    properties: { last4: { type: 'string', pattern: '^[0-9]{4}$' }, decline: { type: 'boolean' } },
  },
  custom: {
    type: 'object',
    description: 'Custom fields (declared with defineContact in the sequences), by name',
    maxProperties: 100,
    additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
  },
} as const;

export const tagsSchema = { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 200 } } as const;

/** A contact as stored: standard fields, custom fields beside them. */
export const contactSchema = {
  type: 'object',
  required: ['id'],
  additionalProperties: true,
  properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
} as const;

/** Any stored object (records, enrollments, history lines): described loosely, returned whole. */
export const looseObject = { type: 'object', additionalProperties: true } as const;
export const looseList = { type: 'array', items: looseObject } as const;

export const contactIdBody = {
  type: 'object',
  additionalProperties: false,
  required: ['contactId'],
  properties: { contactId: idSchema },
} as const;

export const idParams = (name: string) =>
  ({ type: 'object', required: [name], properties: { [name]: idSchema } }) as const;

export const errorResponses = {
  400: { $ref: 'NudgeError#' },
  401: { $ref: 'NudgeError#' },
  404: { $ref: 'NudgeError#' },
} as const;
