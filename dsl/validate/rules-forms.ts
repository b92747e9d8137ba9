/**
 * Web form declarations (`defineForm`): NUDGE027 a form accepts a field
 * that is neither a standard form field nor a declared custom field, or
 * lets a post update a field it does not accept; NUDGE028 two sequences
 * checked together declare the same form differently (the runtime would
 * not know which declaration a post must meet).
 */
import type { FormIR, Goal, SequenceIR } from '../ir';
import { FORM_STANDARD_FIELDS } from '../forms';
import { positionText, quote, type RuleContext, type SequenceRule } from './context';
import { didYouMean } from './did-you-mean';

type FormGoal = Extract<Goal, { kind: 'formSubmitted' }> & { form: FormIR };

export function declaredForms(ir: SequenceIR): FormGoal[] {
  return [...(ir.startOn ?? []), ...(ir.stopOn ?? [])]
    .filter((g): g is FormGoal => g.kind === 'formSubmitted' && g.form !== undefined);
}

export const checkFormFields: SequenceRule = (ctx) => {
  const custom = Object.keys(ctx.ir.customFields ?? {});
  const known = [...Object.keys(FORM_STANDARD_FIELDS), ...custom];
  for (const { formId, form } of declaredForms(ctx.ir)) {
    for (const name of Object.keys(form.fields)) {
      if (known.includes(name)) continue;
      const guess = didYouMean(name, known);
      const hint = guess ? ` Did you mean ${quote(guess)}?` : '';
      ctx.report('NUDGE027', `Form ${quote(formId)} accepts ${quote(name)}, which is not a form field (${Object.keys(FORM_STANDARD_FIELDS).join(', ')}) nor a custom field of defineContact.${hint} Declare it with defineContact and use contact.form(...), or remove it.`);
    }
    for (const name of form.updatable) {
      if (Object.prototype.hasOwnProperty.call(form.fields, name)) continue;
      ctx.report('NUDGE027', `Form ${quote(formId)} lists ${quote(name)} as updatable but does not accept it: add it to 'fields' or remove it from 'updatable'.`);
    }
  }
};

/** Same declaration, whatever the order of keys and lists. */
function canonical(form: FormIR | undefined): string {
  if (!form) return '';
  const fields = Object.keys(form.fields).sort().map((k) => [k, form.fields[k].type, form.fields[k].maxLength ?? null, form.fields[k].required ?? false]);
  return JSON.stringify([fields, [...form.tags].sort(), [...form.updatable].sort(), form.doubleOptIn]);
}

export function checkFormConflicts(ctx: RuleContext, earlier: readonly SequenceIR[]): void {
  for (const { formId, form } of declaredForms(ctx.ir)) {
    for (const other of earlier) {
      const clash = declaredForms(other).find((g) => g.formId === formId && canonical(g.form) !== canonical(form));
      if (!clash) continue;
      ctx.report('NUDGE028', `Form ${quote(formId)} is declared differently by sequence ${quote(other.id)} at ${positionText(other.source, ctx.ir.source)}: a post must meet one declaration. Define the form once (const form = defineForm(...)) and pass the same one to both formSubmitted() goals.`);
      return;
    }
  }
}
