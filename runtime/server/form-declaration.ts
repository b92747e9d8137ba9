/**
 * What a web form accepts, as the published sequences declare it
 * (`defineForm`), and a post checked against it: only declared fields,
 * within their limits, and only declared tags. A form no sequence declares
 * accepts email, firstName and lastName (`UNDECLARED_FORM`).
 */
import type { FormIR, SequenceIR } from '../../dsl/ir';
import { DEFAULT_FORM_MAX_LENGTH, UNDECLARED_FORM } from '../../dsl/forms';
import { nudgeError } from '../../errors/nudge-error';
import type { Contact } from '../engine/model';
import { customValueProblem, type CustomFieldCatalog } from './custom-fields';

export interface FormLookup {
  /** Some published sequence starts or stops on the form. */
  used: boolean;
  form: FormIR;
}

/** The form's declaration: the first by sequence id (`nudge check` refuses two that differ). */
export function formDeclaration(irs: readonly SequenceIR[], formId: string): FormLookup {
  let used = false;
  for (const ir of irs) {
    for (const g of [...ir.startOn, ...ir.stopOn]) {
      if (g.kind !== 'formSubmitted' || g.formId !== formId) continue;
      if (g.form) return { used: true, form: g.form };
      used = true;
    }
  }
  return { used, form: UNDECLARED_FORM };
}

export interface FormPost {
  email: string;
  address?: Record<string, unknown>;
  custom?: Record<string, unknown>;
  tags?: string[];
  [field: string]: unknown;
}

const list = (names: string[]) => names.map((n) => JSON.stringify(n)).join(', ');

/** Refuses (NUDGE_ERR_FORM_FIELD, NUDGE_ERR_FORM_VALUE, NUDGE_ERR_FORM_TAG) a post with a field, value or tag the form does not accept. */
export function checkFormPost(formId: string, form: FormIR, body: FormPost, catalog: CustomFieldCatalog): void {
  const { email: _email, tags, custom, ...standard } = body;
  const posted: Array<[string, unknown]> = [...Object.entries(standard), ...Object.entries(custom ?? {})];
  const refused = posted.map(([name]) => name).filter((name) => !Object.prototype.hasOwnProperty.call(form.fields, name));
  if (refused.length > 0) {
    throw nudgeError('NUDGE_ERR_FORM_FIELD', { formId, fields: list(refused), accepted: Object.keys(form.fields).join(', ') || 'nothing else' });
  }
  const customNames = new Set(Object.keys(custom ?? {}));
  for (const [name, value] of posted) {
    const rule = form.fields[name];
    const max = rule.maxLength ?? DEFAULT_FORM_MAX_LENGTH;
    let problem: string | undefined;
    if (customNames.has(name)) {
      const declared = catalog.get(name);
      if (declared) problem = customValueProblem({ type: declared.type, maxLength: Math.min(max, declared.maxLength) }, value);
    } else if (name === 'address') {
      const long = Object.entries((value ?? {}) as Record<string, unknown>).find(([, v]) => typeof v === 'string' && v.length > max);
      if (long) problem = `address.${long[0]} is longer than ${max} characters`;
    } else if (typeof value === 'string' && value.length > max) {
      problem = `${name} is ${value.length} characters long; at most ${max} are accepted`;
    }
    if (problem !== undefined) throw nudgeError('NUDGE_ERR_FORM_VALUE', { formId, problem: problem.startsWith(name) || problem.startsWith('address.') ? problem : `${name} ${problem}` });
  }
  const missing = Object.entries(form.fields).filter(([name, f]) => f.required && !posted.some(([n, v]) => n === name && v !== '' && v !== null));
  if (missing.length > 0) throw nudgeError('NUDGE_ERR_FORM_VALUE', { formId, problem: `${list(missing.map(([n]) => n))} required` });
  const badTags = (tags ?? []).filter((t) => !form.tags.includes(t));
  if (badTags.length > 0) throw nudgeError('NUDGE_ERR_FORM_TAG', { formId, tags: list(badTags), accepted: form.tags.length ? list(form.tags) : 'none' });
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/**
 * The fields a post may write on an existing contact: an updatable field
 * as posted, any other only where the contact has nothing yet (a stranger
 * who knows someone's address must not rename them, move them or change
 * their data). The email itself never changes through a form.
 */
export function fieldsForExisting(existing: Contact, posted: Record<string, unknown>, updatable: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(posted)) {
    if (name === 'email' || value === null) continue;
    if (name === 'address' && typeof value === 'object') {
      const had = (existing.address ?? {}) as Record<string, unknown>;
      const merged: Record<string, unknown> = { ...had };
      for (const [part, v] of Object.entries(value as Record<string, unknown>)) {
        if (updatable.includes('address') || isEmpty(had[part])) merged[part] = v;
      }
      out.address = merged;
    } else if (updatable.includes(name) || isEmpty(existing[name])) {
      out[name] = value;
    }
  }
  return out;
}
