/**
 * NUDGE025: names the author chooses that become keys at run time
 * (fulfillment lists, tags, form ids, API goal and event names, custom
 * contact fields) must be safe as keys: not empty, no control characters,
 * and not a name every JavaScript object already has (`__proto__`,
 * `constructor`, `toString`...), which would read or replace the object's
 * prototype instead of a value.
 */
import type { Goal } from '../ir';
import { eachStep, quote, type RuleContext, type SequenceRule, type Where } from './context';

const OBJECT_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Why a name is unsafe as a key, or undefined when it is fine. */
export function unsafeKeyReason(name: string): string | undefined {
  if (name.trim() === '') return 'is empty';
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) return 'holds a control character or line break';
  if (OBJECT_NAMES.has(name)) return 'is a name every JavaScript object already has';
  return undefined;
}

function goalName(goal: Goal): [string, string] | undefined {
  if (goal.kind === 'tagApplied') return ['tagApplied tag', goal.tag];
  if (goal.kind === 'formSubmitted') return ['form id', goal.formId];
  if (goal.kind === 'apiGoal') return ['apiGoal name', goal.name];
  if (goal.kind === 'event') return ['event name', goal.name];
  return undefined;
}

export const checkKeyNames: SequenceRule = (ctx) => {
  const { ir } = ctx;
  const check = (what: string, name: string, where: Where = {}) => report(ctx, what, name, where);
  for (const name of Object.keys(ir.customFields ?? {})) check('custom field', name);
  for (const goal of [...(ir.startOn ?? []), ...(ir.stopOn ?? [])]) {
    const named = goalName(goal);
    if (named) check(named[0], named[1]);
  }
  for (const { step, path } of eachStep(ir)) {
    if (step.kind === 'fulfillment') check(`fulfillment list of step ${quote(step.id)}`, step.params.list, { step, path });
    if (step.kind === 'applyTag' || step.kind === 'removeTag') check(`tag of step ${quote(step.id)}`, step.params.tag, { step, path });
  }
};

function report(ctx: RuleContext, what: string, name: unknown, where: Where): void {
  const reason = typeof name === 'string' ? unsafeKeyReason(name) : 'is not a string';
  if (!reason) return;
  ctx.report('NUDGE025', `The ${what} ${JSON.stringify(name)} ${reason}, so it cannot be used as a name: Nudge keeps these names as keys. Choose another name.`, where);
}
