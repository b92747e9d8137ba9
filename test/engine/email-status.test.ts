/**
 * Email status (SEMANTICS: email status and consent): the pure rules, and
 * the marketing/transactional skip as the engine applies it in both hosts.
 */
import { describe, expect, it } from 'vitest';
import { sequence, start, tagApplied, unsubscribed } from 'nudge';
import {
  EMAIL_STATUSES, SOFT_BOUNCE_LIMIT, emailStatusOf, isMarketable, notMarketableReason, statusAfterConfirm, statusAfterEmailEvent,
  statusAfterUnsubscribe, statusWithSuppression,
} from '../../runtime/engine/email-status';
import { run, shown } from './helpers';

describe('email status rules', () => {
  it('treats a contact without a status as single opt-in (marketable), and an unreadable one as not marketable', () => {
    expect(emailStatusOf({})).toBe('unconfirmed');
    expect(emailStatusOf({ emailStatus: 'unsubscibed' as never })).toBe('non-marketable');
    expect(EMAIL_STATUSES.filter(isMarketable)).toEqual(['unconfirmed', 'confirmed']);
    expect(notMarketableReason('hard-bounce')).toBe('not marketable: hard bounce');
    expect(notMarketableReason('list-unsubscribe')).toBe('not marketable: list unsubscribe');
  });

  it('unsubscribes once; only the person opts back in; bounces and complaints move the status', () => {
    expect(statusAfterUnsubscribe('confirmed', true)).toBe('list-unsubscribe');
    expect(statusAfterUnsubscribe('hard-bounce', false)).toBe('unsubscribed');
    expect(statusAfterUnsubscribe('unsubscribed', true)).toBeUndefined();
    expect(statusAfterConfirm('unsubscribed', false)).toBeUndefined();
    expect(statusAfterConfirm('complaint', true)).toBe('confirmed');
    expect(statusAfterConfirm('unconfirmed', false)).toBe('confirmed');
    expect(statusAfterEmailEvent('unsubscribed', 0, 'hard-bounce').status).toBe('unsubscribed');
    expect(statusAfterEmailEvent('unsubscribed', 0, 'complaint').status).toBe('complaint');
    let s = { status: 'confirmed' as const as ReturnType<typeof emailStatusOf>, softBounces: 0 };
    for (let i = 1; i < SOFT_BOUNCE_LIMIT; i++) s = statusAfterEmailEvent(s.status, s.softBounces, 'soft-bounce');
    expect(s).toEqual({ status: 'confirmed', softBounces: SOFT_BOUNCE_LIMIT - 1 });
    expect(statusAfterEmailEvent(s.status, s.softBounces, 'soft-bounce')).toEqual({ status: 'soft-bounce', softBounces: SOFT_BOUNCE_LIMIT });
    expect(statusWithSuppression('confirmed', 'hard-bounce')).toBe('hard-bounce');
    expect(statusWithSuppression('complaint', 'unsubscribed')).toBe('complaint');
  });
});

describe('marketing and transactional email', () => {
  const seq = sequence('news', {
    name: 'News',
    startOn: tagApplied('Lead'),
    stopOn: unsubscribed(),
    paths: [start()
      .email({ id: 'news', subject: 'News', body: 'Hi' })
      .email({ id: 'receipt', category: 'transactional', subject: 'Receipt', body: 'Paid' })
      .email({ id: 'staff', to: ['sales@acme.test'], subject: 'Lead', body: '~Contact.Email~' })
      .email({ id: 'forced', to: 'contact', category: 'marketing', subject: 'Offer', body: 'Buy' })],
  });
  const T = '2026-03-02T15:00:00.000Z';

  it('skips marketing email to a non-marketable address with its reason; transactional and staff email still go', () => {
    const result = run([seq], [
      { id: 'c1', email: 'a@example.com', emailStatus: 'unsubscribed' },
      { id: 'c2', email: 'b@example.com', emailStatus: 'confirmed' },
      { id: 'c3', email: 'c@example.com', emailStatus: 'soft-bounce' },
    ], { start: T, days: 1 });
    expect(shown(result)).toEqual([
      `${T} c1 news/0 news skipped (not marketable: unsubscribed)`,
      `${T} c1 news/0 receipt done`,
      `${T} c1 news/0 staff done`,
      `${T} c1 news/0 forced skipped (not marketable: unsubscribed)`,
      `${T} c2 news/0 news done`,
      `${T} c2 news/0 receipt done`,
      `${T} c2 news/0 staff done`,
      `${T} c2 news/0 forced done`,
      `${T} c3 news/0 news skipped (not marketable: soft bounce)`,
      `${T} c3 news/0 receipt done`,
      `${T} c3 news/0 staff done`,
      `${T} c3 news/0 forced skipped (not marketable: soft bounce)`,
    ]);
  });

  it('an unsubscribed() goal stops the sequence at that instant', () => {
    const later = sequence('later', {
      name: 'Later', startOn: tagApplied('Lead'), stopOn: unsubscribed(),
      paths: [start().delay('1d').email({ id: 'day-two', subject: 'Day two', body: 'Hi' })],
    });
    const result = run([later], [{ id: 'c1', email: 'a@example.com' }], {
      start: T, days: 3, enrollAll: false,
      inputs: [{ at: T, contactId: 'c1', tagsApplied: ['Lead'] }, { at: '2026-03-02T18:00:00.000Z', contactId: 'c1', goals: [{ kind: 'unsubscribed' }] }],
    });
    expect(shown(result).filter((l) => l.includes('day-two'))).toEqual([]);
    expect(result.states[0].enrollments[0].status).toBe('stopped');
  });
});
