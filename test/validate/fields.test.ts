/**
 * Contact fields: NUDGE012 unknown, NUDGE013 field timer on a non-date,
 * NUDGE014 setField value types, NUDGE021 ownerId.
 */
import { describe, expect, it } from 'vitest';
import { defineContact, sequence, start, tagApplied } from 'nudge';
import type { PathBuilder } from 'nudge';
import { validateSequences } from '../../dsl/validate';

const contact = defineContact({ leadScore: 'number', vip: 'boolean', renewalDate: 'date', lastSeen: 'datetime' });
const check = (path: PathBuilder<any>) =>
  validateSequences([sequence('s', { name: 'S', startOn: tagApplied('t'), paths: [path.applyTag('after')] })]);
const codes = (path: PathBuilder<any>) => check(path).map((d) => d.code);
const set = (field: string, value: unknown) => contact.start().setField(field as any, value as any);

describe('setField values', () => {
  it.each([
    ['leadScore', 10], ['leadScore', 0], ['vip', false], ['renewalDate', '2028-02-29'], ['firstName', ''],
    ['lastSeen', '2026-03-01T09:30'], ['lastSeen', '2026-03-01T09:30:15.250Z'], ['lastSeen', '2026-03-01T09:30:00-05:00'],
    ['leadScore', null], ['renewalDate', null],
  ])('accepts %s = %j', (field, value) => {
    expect(codes(set(field, value))).toEqual([]);
  });

  it.each([
    ['leadScore', 'ten', 'Write a number'], ['leadScore', Number.NaN, 'Write a number'],
    ['vip', 'yes', 'Write true or false'], ['firstName', 42, "Write a text value in quotes, e.g. '42'"],
    ['renewalDate', '2027-02-29', 'real calendar date'], ['renewalDate', '2026-3-1', 'real calendar date'],
    ['renewalDate', '2026-03-01T10:00', 'real calendar date'], ['lastSeen', '2026-03-01', 'ISO date-time'],
    ['lastSeen', '2026-02-30T10:00Z', 'ISO date-time'], ['lastSeen', '2026-03-01T24:00', 'ISO date-time'],
  ])('rejects %s = %j', (field, value, fix) => {
    const found = check(set(field, value));
    expect(found.map((d) => d.code)).toEqual(['NUDGE014']);
    expect(found[0].message).toContain(fix);
    expect(found[0].stepId).toBe(`set-${field.toLowerCase()}`);
  });
});

describe('field names', () => {
  it('suggests the closest field, case-insensitively, for setField', () => {
    const [d] = check(set('leadscroe', 5));
    expect(d.code).toBe('NUDGE012');
    expect(d.message).toContain('Unknown contact field "leadscroe" in step "set-leadscroe" (setField). Did you mean "leadScore"?');
    expect(check(set('FIRSTNAME', 'Ann'))[0].message).toContain('Did you mean "firstName"?');
  });

  it('suggests only date fields for a field timer', () => {
    const [d] = check(contact.start().fieldTimer('renewalDat' as any));
    expect(d.message).toContain('Did you mean "renewalDate"?');
  });

  it('explains how to declare a field when nothing is close', () => {
    const [d] = check(start().fieldTimer('contractSigned' as any));
    expect(d.message).toContain("defineContact({ contractSigned: 'date' })");
  });

  it('only knows custom fields declared on a path of the sequence', () => {
    expect(codes(start().setField('leadScore' as any, 1))).toEqual(['NUDGE012']);
  });

  it('sends owner changes to assignOwner', () => {
    expect(codes(set('ownerId', 'u-1'))).toEqual(['NUDGE021']);
  });
});

describe('field timers', () => {
  it('wait on date and datetime fields, standard or custom', () => {
    expect(codes(contact.start().fieldTimer('anniversary').fieldTimer('renewalDate').fieldTimer('lastSeen'))).toEqual([]);
  });

  it('reject other field types', () => {
    const found = check(contact.start().fieldTimer('leadScore' as any, { offset: '2w' }));
    expect(found.map((d) => [d.code, d.stepId])).toEqual([['NUDGE013', 'field-leadscore-2w-after']]);
    expect(found[0].message).toContain('"leadScore", a number field');
  });
});
