/**
 * Goal events (something that happened to a contact) and whether a
 * sequence's `startOn` / `stopOn` goal matches one.
 */
import type { Goal } from '../../dsl/ir';
import type { OrderSummary } from './model';

/** What happened: the same shapes as goals, with every detail known. */
export type GoalEvent =
  | { kind: 'tagApplied'; tag: string }
  | { kind: 'formSubmitted'; formId: string }
  | { kind: 'purchased'; product: string; order?: OrderSummary }
  | { kind: 'purchaseFailed'; product: string; order?: OrderSummary }
  | { kind: 'linkClicked'; stepId?: string; url?: string }
  | { kind: 'apiGoal'; name: string }
  | { kind: 'event'; name: string }
  | { kind: 'unsubscribed' };

export function goalMatches(goal: Goal, ev: GoalEvent): boolean {
  if (goal.kind !== ev.kind) return false;
  switch (goal.kind) {
    case 'tagApplied': return goal.tag === (ev as { tag: string }).tag;
    case 'formSubmitted': return goal.formId === (ev as { formId: string }).formId;
    case 'purchased':
    case 'purchaseFailed': return goal.product === undefined || goal.product === (ev as { product: string }).product;
    case 'linkClicked': {
      const click = ev as { stepId?: string; url?: string };
      return (goal.stepId === undefined || goal.stepId === click.stepId) && (goal.url === undefined || goal.url === click.url);
    }
    case 'apiGoal':
    case 'event': return goal.name === (ev as { name: string }).name;
    case 'unsubscribed': return true;
  }
}

export function describeGoalEvent(ev: GoalEvent): string {
  switch (ev.kind) {
    case 'tagApplied': return `tag "${ev.tag}" applied`;
    case 'formSubmitted': return `form "${ev.formId}" submitted`;
    case 'purchased': return `purchased "${ev.product}"`;
    case 'purchaseFailed': return `purchase of "${ev.product}" failed`;
    case 'linkClicked': return `link clicked${ev.url ? ` (${ev.url})` : ''}`;
    case 'apiGoal': return `API goal "${ev.name}"`;
    case 'event': return `event "${ev.name}"`;
    case 'unsubscribed': return 'unsubscribed';
  }
}
