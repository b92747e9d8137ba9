/**
 * What a goal says on the canvas (`Goal: tag applied "Lead"`) and the stable
 * key its node id is made from (goals have no ids of their own, and a
 * position would move when another goal is added).
 */
import type { Goal } from '../ir';
import { plain, quoted } from './text';

/** Longest user value (tag, form id, URL) shown inside a goal label. */
const MAX_VALUE = 40;

const q = (text: string) => quoted(text, MAX_VALUE);
const stripScheme = (url: string) => url.replace(/^https?:\/\//i, '');

/** What achieves the goal: `tag applied "Lead"`, `form "newsletter" submitted`, `any purchase`. */
export function goalWords(goal: Goal): string {
  switch (goal.kind) {
    case 'tagApplied':
      return `tag applied ${q(goal.tag)}`;
    case 'formSubmitted':
      return `form ${q(goal.formId)} submitted`;
    case 'purchased':
      return goal.product === undefined ? 'any purchase' : `purchase of ${q(goal.product)}`;
    case 'purchaseFailed':
      return goal.product === undefined ? 'any purchase failed' : `purchase of ${q(goal.product)} failed`;
    case 'linkClicked': {
      const link = goal.url === undefined ? 'link clicked' : `link ${q(stripScheme(goal.url))} clicked`;
      if (goal.stepId !== undefined) return `${link} in ${plain(goal.stepId, MAX_VALUE)}`;
      return goal.url === undefined ? 'any link clicked' : link;
    }
    case 'apiGoal':
      return `API goal ${q(goal.name)}`;
    case 'event':
      return `event ${q(goal.name)}`;
    case 'unsubscribed':
      return 'unsubscribed';
  }
}

/** Label of a goal that starts the sequence. */
export const startGoalLabel = (goal: Goal) => `Goal: ${goalWords(goal)}`;

/** Label of a goal that stops the sequence (or, with runsUntilComplete, is only recorded). */
export const stopGoalLabel = (goal: Goal) => `Stop goal: ${goalWords(goal)}`;

/** Raw material for the goal's node id: its kind and values, never its position. */
export function goalKey(goal: Goal): string {
  switch (goal.kind) {
    case 'tagApplied':
      return `tag-${goal.tag}`;
    case 'formSubmitted':
      return `form-${goal.formId}`;
    case 'purchased':
      return goal.product === undefined ? 'purchased' : `purchased-${goal.product}`;
    case 'purchaseFailed':
      return goal.product === undefined ? 'purchase-failed' : `purchase-failed-${goal.product}`;
    case 'linkClicked':
      return ['link', goal.stepId, goal.url].filter((s) => s !== undefined).join('-');
    case 'apiGoal':
      return `api-${goal.name}`;
    case 'event':
      return `event-${goal.name}`;
    case 'unsubscribed':
      return 'unsubscribed';
  }
}
