/**
 * Contact fields named by steps: NUDGE012 unknown field, NUDGE013 field
 * timer on a non-date field, NUDGE014 setField value of the wrong type,
 * NUDGE021 setField on the read-only `ownerId`, `emailStatus` or `emailSoftBounces`.
 */
import type { FieldType } from '../ir';
import { allFieldNames, fieldType } from '../contact-schema';
import { eachStep, quote, type RuleContext, type SequenceRule, type Where } from './context';
import { didYouMean } from './did-you-mean';
import { describeValue, valueProblem } from './field-values';

const isDateType = (t: FieldType | undefined) => t === 'date' || t === 'datetime';

export const checkFields: SequenceRule = (ctx) => {
  const custom = ctx.ir.customFields ?? {};
  const names = allFieldNames(custom);
  for (const { step, path } of eachStep(ctx.ir)) {
    const where = { step, path };
    if (step.kind === 'field') {
      const { field } = step.params;
      const type = fieldType(field, custom);
      if (type === undefined) {
        unknownField(ctx, { field, method: 'fieldTimer', candidates: names.filter((n) => isDateType(fieldType(n, custom))), declareAs: 'date', where });
      } else if (!isDateType(type)) {
        ctx.report('NUDGE013', `Field timer ${quote(step.id)} waits on ${quote(field)}, a ${type} field: a field timer needs a date or datetime field such as "birthday", "anniversary" or a custom field declared as 'date'.`, where);
      }
    } else if (step.kind === 'setField') {
      const { field, value } = step.params;
      if (field === 'ownerId') {
        ctx.report('NUDGE021', `Step ${quote(step.id)} uses setField to write "ownerId": change the contact's owner with assignOwner('user-id') instead.`, where);
        continue;
      }
      if (field === 'emailStatus' || field === 'emailSoftBounces') {
        ctx.report('NUDGE021', `Step ${quote(step.id)} uses setField to write ${JSON.stringify(field)}: the email status changes only by the person (unsubscribe, double opt-in) or by delivery events. Remove the step; send transactional email with category: 'transactional'.`, where);
        continue;
      }
      const type = fieldType(field, custom);
      if (type === undefined) {
        unknownField(ctx, { field, method: 'setField', candidates: names.filter((n) => n !== 'ownerId'), declareAs: 'string', where });
        continue;
      }
      const problem = valueProblem(type, value);
      if (problem) {
        ctx.report('NUDGE014', `Step ${quote(step.id)} sets ${quote(field)}, a ${type} field, to ${describeValue(value)}. ${problem}`, where);
      }
    }
  }
};

interface UnknownField { field: string; method: string; candidates: string[]; declareAs: FieldType; where: Where }

function unknownField(ctx: RuleContext, { field, method, candidates, declareAs, where }: UnknownField): void {
  const suggestion = didYouMean(field, candidates);
  const fix = suggestion
    ? `Did you mean ${quote(suggestion)}?`
    : `Use a standard field, or declare a custom one with defineContact({ ${/^[A-Za-z]\w*$/.test(field) ? field : quote(field)}: '${declareAs}' }).`;
  ctx.report('NUDGE012', `Unknown contact field ${quote(field)} in step ${quote(where.step?.id ?? '')} (${method}). ${fix}`, where);
}
