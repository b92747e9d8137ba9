/**
 * A contact body from the API as the fields to store: `custom` is flattened
 * beside the standard fields (that is how the engine and merge fields read
 * them), and values the engine would misread (an unknown zone, a day-first
 * date) are refused with the fix, the same checks as the contacts file.
 *
 * Custom keys must be declared by a published sequence (`defineContact`)
 * and their values must fit the declaration; the email must be one plain
 * address (store/email-address.ts). Both hold on every route that writes.
 */
import { nudgeError } from '../../errors/nudge-error';
import { didYouMean } from '../../dsl/validate/did-you-mean';
import { checkContactRecord } from '../store/contact-checks';
import { emailProblem, typedEmail } from '../store/email-address';
import { customValueProblem, type CustomFieldCatalog } from './custom-fields';
import { validationError } from './errors';

export type ContactBody = Record<string, unknown> & { custom?: Record<string, unknown>; tags?: string[]; id?: string };

/** The email of a body, parsed strictly; `where` names the entry in the message. */
export function checkedEmail(value: unknown, where: string): string {
  const problem = emailProblem(value);
  if (problem !== undefined) throw nudgeError('NUDGE_ERR_BAD_EMAIL', { where, problem });
  return typedEmail(value as string);
}

/** Fields to write; `id` and `tags` are left to the caller (tags go through the engine so goals fire). */
export function contactFields(body: ContactBody, catalog: CustomFieldCatalog): Record<string, unknown> {
  const { custom, tags: _tags, id: _id, ...standard } = body;
  const fields: Record<string, unknown> = { ...standard };
  if (typeof fields.email === 'string') fields.email = checkedEmail(fields.email, 'body.email');
  for (const [name, value] of Object.entries(custom ?? {})) {
    const rule = catalog.get(name);
    if (rule === undefined) {
      const guess = didYouMean(name, catalog.keys());
      throw nudgeError('NUDGE_ERR_UNKNOWN_CUSTOM_FIELD', { name, hint: guess ? ` (did you mean "${guess}"?)` : '' });
    }
    const problem = customValueProblem(rule, value);
    if (problem !== undefined) throw nudgeError('NUDGE_ERR_CUSTOM_FIELD_VALUE', { name, problem });
    fields[name] = value;
  }
  const problems = checkContactRecord({ ...fields }, 0);
  if (problems.length > 0) {
    const details = problems.map((p) => ({ where: 'body' as const, path: `body.${p.field}`, message: p.message }));
    throw validationError(details, details.map((d) => d.message).join(' '));
  }
  return fields;
}
