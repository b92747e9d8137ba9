/**
 * Goals: what starts a sequence (`startOn`) and what stops it (`stopOn`).
 */
import type { Goal } from './ir';
import { DslError } from './errors';

function name(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DslError(`${what} must be a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * Achieved when the tag is applied to the contact and was not already there.
 * @example
 * sequence('onboarding', { startOn: tagApplied('Customer'), paths: [...] })
 */
export function tagApplied(tag: string): Goal {
  return { kind: 'tagApplied', tag: name(tag, 'tagApplied tag') };
}

/**
 * Achieved when a web form is submitted for the contact.
 * @example
 * sequence('welcome', { startOn: formSubmitted('newsletter-signup'), paths: [...] })
 */
export function formSubmitted(formId: string): Goal {
  return { kind: 'formSubmitted', formId: name(formId, 'formSubmitted form id') };
}

/**
 * Achieved when an order is paid: any product, or the one named.
 * @example
 * sequence('thanks', { startOn: purchased('starter-kit'), paths: [...] })
 */
export function purchased(product?: string): Goal {
  return product === undefined ? { kind: 'purchased' } : { kind: 'purchased', product: name(product, 'purchased product') };
}

/**
 * Achieved when an autocharge fails: any product, or the one named.
 * @example
 * sequence('dunning', { startOn: purchaseFailed(), paths: [...] })
 */
export function purchaseFailed(product?: string): Goal {
  return product === undefined
    ? { kind: 'purchaseFailed' }
    : { kind: 'purchaseFailed', product: name(product, 'purchaseFailed product') };
}

/**
 * Achieved when the contact clicks a tracked link: any, one email step's, or one URL.
 * @example
 * sequence('nurture', { stopOn: linkClicked('email-book-a-demo', 'https://acme.test/demo'), paths: [...] })
 */
export function linkClicked(stepId?: string, url?: string): Goal {
  const goal: Goal = { kind: 'linkClicked' };
  if (stepId !== undefined) goal.stepId = name(stepId, 'linkClicked step id');
  if (url !== undefined) goal.url = name(url, 'linkClicked url');
  return goal;
}

/**
 * Achieved when your code calls the API goal for the contact.
 * @example
 * sequence('trial', { stopOn: apiGoal('trial-converted'), paths: [...] })
 */
export function apiGoal(goalName: string): Goal {
  return { kind: 'apiGoal', name: name(goalName, 'apiGoal name') };
}

/**
 * Achieved when a custom event is posted for the contact.
 * @example
 * sequence('webinar', { startOn: event('webinar-registered'), paths: [...] })
 */
export function event(eventName: string): Goal {
  return { kind: 'event', name: name(eventName, 'event name') };
}

/**
 * Achieved when the contact unsubscribes (an unsubscribe link, the mailbox
 * provider's one-click button, or the API). Most often a stop goal.
 * @example
 * sequence('nurture', { stopOn: unsubscribed(), paths: [...] })
 */
export function unsubscribed(): Goal {
  return { kind: 'unsubscribed' };
}
