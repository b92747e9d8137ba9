/**
 * Step ids: NUDGE001 two steps with the same id; NUDGE018 a linkClicked goal
 * naming a step that is not an email of the sequence.
 */
import type { Goal, Step } from '../ir';
import { eachStep, positionText, quote, type SequenceRule } from './context';
import { didYouMean } from './did-you-mean';

export const checkStepIds: SequenceRule = ({ ir, report }) => {
  const first = new Map<string, Step>();
  for (const { step, path } of eachStep(ir)) {
    const earlier = first.get(step.id);
    if (!earlier) {
      first.set(step.id, step);
      continue;
    }
    report('NUDGE001', `Step id ${quote(step.id)} is used twice in sequence ${quote(ir.id)}: here and at ${positionText(earlier.source, step.source)}. Give one of them a different id (contacts' progress is keyed by step id).`, { step, path });
  }
};

export const checkLinkGoals: SequenceRule = ({ ir, report }) => {
  const steps = new Map<string, Step>();
  for (const { step } of eachStep(ir)) if (!steps.has(step.id)) steps.set(step.id, step);
  const emailIds = [...steps.values()].filter((s) => s.kind === 'email').map((s) => s.id);
  const lists: Array<['startOn' | 'stopOn', Goal[]]> = [['startOn', ir.startOn ?? []], ['stopOn', ir.stopOn ?? []]];
  for (const [list, goals] of lists) {
    for (const goal of goals) {
      if (goal.kind !== 'linkClicked' || goal.stepId === undefined) continue;
      const goalText = `linkClicked(${quote(goal.stepId)}) in ${list}`;
      const step = steps.get(goal.stepId);
      if (!step) {
        const suggestion = didYouMean(goal.stepId, emailIds);
        const fix = suggestion
          ? `Did you mean ${quote(suggestion)}?`
          : emailIds.length > 0
            ? `Name one of its email steps: ${emailIds.map(quote).join(', ')}.`
            : 'The sequence has no email step; name a step id of an email, or drop the step id to match any link.';
        report('NUDGE018', `Goal ${goalText} names no step of sequence ${quote(ir.id)}. ${fix}`);
      } else if (step.kind !== 'email') {
        report('NUDGE018', `Goal ${goalText} names step ${quote(step.id)} (${step.kind}), but only emails have tracked links. Name an email step${emailIds.length ? ` (${emailIds.map(quote).join(', ')})` : ''}.`);
      }
    }
  }
};
