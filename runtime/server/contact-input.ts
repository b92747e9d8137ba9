/**
 * A contact body from the API as the fields to store: `custom` is flattened
 * beside the standard fields (that is how the engine and merge fields read
 * them), and values the engine would misread (an unknown zone, a day-first
 * date) are refused with the fix, the same checks as the contacts file.
 */
import { checkContactRecord } from '../store/contact-checks';
import { validationError } from './errors';

export type ContactBody = Record<string, unknown> & { custom?: Record<string, unknown>; tags?: string[]; id?: string };

/** Fields to write; `id` and `tags` are left to the caller (tags go through the engine so goals fire). */
export function contactFields(body: ContactBody): Record<string, unknown> {
  const { custom, tags: _tags, id: _id, ...standard } = body;
  const fields: Record<string, unknown> = { ...standard };
  for (const [name, value] of Object.entries(custom ?? {})) {
    if (name === 'id' || name === 'tags' || name in fields) {
      throw validationError([{ where: 'body', path: `body.custom.${name}`, message: 'standard field in custom' }], `body.custom.${name} is a standard field: send it beside the others, not in "custom".`);
    }
    fields[name] = value;
  }
  const problems = checkContactRecord({ ...fields }, 0);
  if (problems.length > 0) {
    const details = problems.map((p) => ({ where: 'body' as const, path: `body.${p.field}`, message: p.message }));
    throw validationError(details, details.map((d) => d.message).join(' '));
  }
  return fields;
}
