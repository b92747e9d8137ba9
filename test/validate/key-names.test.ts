/**
 * NUDGE025: names that become keys at run time are refused when unsafe;
 * NUDGE024: only links whose target the contact's data would choose are flagged.
 */
import { describe, expect, it } from 'vitest';
import { apiGoal, defineContact, formSubmitted, sequence, start, tagApplied } from 'nudge';
import { validateSequences } from '../../dsl/validate';
import { otherThanSendingRules } from './sending-rules';

const codes = (seq: ReturnType<typeof sequence>) => otherThanSendingRules(validateSequences([seq])).map((d) => d.code);

describe('unsafe key names (NUDGE025)', () => {
  it.each(['constructor', '__proto__', 'prototype', 'toString', 'kit\r\nlist', 'a\u0000b'])('refuses the fulfillment list and tag name %j', (name) => {
    expect(codes(sequence('s', { name: 'S', startOn: tagApplied('t'), paths: [start().addToFulfillmentList(name)] }))).toContain('NUDGE025');
    expect(codes(sequence('s', { name: 'S', startOn: tagApplied('t'), paths: [start().applyTag(name)] }))).toContain('NUDGE025');
  });

  it('refuses unsafe form ids, goal names and custom field names, and accepts ordinary ones', () => {
    expect(codes(sequence('s', { name: 'S', startOn: formSubmitted('constructor'), paths: [start().applyTag('x')] }))).toEqual(['NUDGE025']);
    expect(codes(sequence('s', { name: 'S', startOn: tagApplied('t'), stopOn: [apiGoal('hasOwnProperty')], paths: [start().applyTag('x')] }))).toEqual(['NUDGE025']);
    const contact = defineContact({ valueOf: 'string', planName: 'string' });
    expect(codes(sequence('s', { name: 'S', startOn: tagApplied('t'), paths: [contact.start().applyTag('x')] }))).toEqual(['NUDGE025']);
    expect(codes(sequence('s', { name: 'S', startOn: formSubmitted('newsletter-signup'), paths: [start().addToFulfillmentList('Welcome kit').applyTag('Kit: sent')] }))).toEqual([]);
  });
});

describe('merged link targets (NUDGE024)', () => {
  const email = (body: string) => codes(sequence('s', { name: 'S', startOn: tagApplied('t'), paths: [start().email({ subject: 'Hi', body })] }));

  it.each([
    '<a href="~Contact.Website~">site</a>',
    '<a href=" ~Contact.Website~/about">site</a>',
    '<a href="https://~Contact.Company~/">shop</a>',
    '<a href="https://shop-~Contact.Company~.acme.test/">shop</a>',
    '<img src="~Contact.Website~">',
  ])('flags %s', (body) => {
    expect(email(body)).toEqual(['NUDGE024']);
  });

  it.each([
    '<a href="https://acme.test/offer?ref=~Contact.Id~">offer</a>',
    '<a href="mailto:~Owner.Email~">write</a>',
    '<p title="~Contact.Website~">~Contact.Website~</p>',
    'Plain text with ~Contact.Website~ as a link',
  ])('accepts %s', (body) => {
    expect(email(body)).toEqual([]);
  });
});
