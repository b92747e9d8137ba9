/**
 * Timer rules: windows (NUDGE003), days (NUDGE017), date ranges (NUDGE019),
 * passed dates and their zones (NUDGE004), repeat (NUDGE006, NUDGE022),
 * zones (NUDGE015).
 */
import { describe, expect, it } from 'vitest';
import { defineContact, sequence, start, tagApplied } from 'nudge';
import type { PathBuilder } from 'nudge';
import { validateSequences, type ValidateOptions } from '../../dsl/validate';

const codes = (path: PathBuilder<any>, options: ValidateOptions = {}) =>
  validateSequences([sequence('s', { name: 'S', startOn: tagApplied('t'), paths: [path.applyTag('after')] })], options)
    .map((d) => `${d.code} ${d.stepId}`);

describe('time windows and days', () => {
  it('rejects a window that is empty or reversed, accepts a real one', () => {
    expect(codes(start().delay('0m', { between: ['09:00', '09:00'] }))).toEqual(['NUDGE003 wait-0m']);
    expect(codes(start().waitUntil('2099-01-01', { between: ['18:00', '08:00'] }))).toEqual(['NUDGE003 until-2099-01-01']);
    expect(codes(start().delay('0m', { between: ['09:00', '09:01'] }))).toEqual([]);
  });

  it('rejects on: [] on any timer with days', () => {
    expect(codes(start().delay('1d', { on: [] }))).toEqual(['NUDGE017 wait-1d']);
    expect(codes(start().waitUntil('2099-01-01', { on: [] }))).toEqual(['NUDGE017 until-2099-01-01']);
  });

  it('rejects a date range none of whose days is allowed', () => {
    // 2099-01-03 is a Saturday, 2099-01-05 a Monday.
    expect(codes(start().waitUntil('2099-01-03', { on: ['mon'] }))).toEqual(['NUDGE017 until-2099-01-03']);
    expect(codes(start().waitUntil('2099-01-03', { until: '2099-01-05', on: ['mon'] }))).toEqual([]);
    expect(codes(start().waitUntil('2099-01-03', { until: '2099-01-04', on: 'weekdays' }))).toEqual(['NUDGE017 until-2099-01-03']);
    expect(codes(start().waitUntil('2099-01-03', { until: '2099-12-31', on: ['sun'] }))).toEqual([]);
  });

  it('rejects until before the date, not until equal to it', () => {
    expect(codes(start().waitUntil('2099-01-05', { until: '2099-01-04' }))).toEqual(['NUDGE019 until-2099-01-05']);
    expect(codes(start().waitUntil('2099-01-05', { until: '2099-01-05' }))).toEqual([]);
  });
});

describe('passed dates', () => {
  // 2026-03-01 05:00 UTC: already 1 March in UTC and east of it, still 28 February in UTC-12.
  const now = new Date('2026-03-01T05:00:00Z');
  const on28 = (tz?: string) => start().waitUntil('2026-02-28', tz ? { tz } : {});

  it('warns only when the last date has passed in every zone, unless the zone is known', () => {
    expect(codes(on28(), { now })).toEqual([]);
    expect(codes(on28('contact'), { now })).toEqual([]);
    expect(codes(on28('UTC'), { now })).toEqual(['NUDGE004 until-2026-02-28']);
    expect(codes(on28('America/Los_Angeles'), { now })).toEqual([]);
    expect(codes(start().waitUntil('2026-02-27'), { now })).toEqual(['NUDGE004 until-2026-02-27']);
  });

  it('judges account-zone timers in the account zone when it is given', () => {
    expect(codes(on28(), { now, accountZone: 'Europe/Paris' })).toEqual(['NUDGE004 until-2026-02-28']);
    expect(codes(on28('account'), { now, accountZone: 'Europe/Paris' })).toEqual(['NUDGE004 until-2026-02-28']);
    expect(codes(on28('account'), { now, accountZone: 'America/Los_Angeles' })).toEqual([]);
    expect(codes(on28('contact'), { now, accountZone: 'Europe/Paris' })).toEqual([]);
  });

  it('looks at the end of a range, and never at today', () => {
    expect(codes(start().waitUntil('2026-02-01', { until: '2026-03-01', tz: 'UTC' }), { now })).toEqual([]);
    expect(codes(start().waitUntil('2026-03-01', { tz: 'UTC' }), { now })).toEqual([]);
  });

  it('uses the current time by default', () => {
    expect(codes(start().waitUntil('2000-01-01'))).toEqual(['NUDGE004 until-2000-01-01']);
    expect(codes(start().waitUntil('2999-01-01'))).toEqual([]);
  });

  it('leaves a bad zone to NUDGE015 alone', () => {
    expect(codes(start().waitUntil('2000-01-01', { tz: 'Mars/Olympus' }))).toEqual(['NUDGE015 until-2000-01-01']);
  });
});

describe('repeat', () => {
  const contact = defineContact({ renewalDate: 'date' });

  it('is an error on delay and date timers', () => {
    expect(codes(start().waitUntil('2099-12-24', { repeat: 'yearly' } as any))).toEqual(['NUDGE006 until-2099-12-24']);
  });

  it("is an error on a field timer when it is not 'yearly'", () => {
    const found = validateSequences([sequence('s', {
      name: 'S', startOn: tagApplied('t'), paths: [start().fieldTimer('birthday', { repeat: 'monthly' as any }).applyTag('x')],
    })]);
    expect(found.map((d) => d.code)).toEqual(['NUDGE006']);
    expect(found[0].message).toContain(`repeat: "monthly"`);
  });

  it("warns about yearly with occurrence 'exact', not with 'next'", () => {
    expect(codes(contact.start().fieldTimer('renewalDate', { occurrence: 'exact', repeat: 'yearly' }))).toEqual(['NUDGE022 field-renewaldate']);
    expect(codes(contact.start().fieldTimer('renewalDate', { repeat: 'yearly' }))).toEqual([]);
  });
});

describe('time zones', () => {
  it("accepts 'account', 'contact' and IANA names on every timer", () => {
    for (const tz of ['account', 'contact', 'UTC', 'Asia/Kolkata', 'Etc/GMT+12']) {
      expect(codes(start().delay('1d', { tz }).waitUntil('2099-01-01', { tz }).fieldTimer('birthday', { tz }))).toEqual([]);
    }
  });

  it('rejects unknown names and offsets, with a suggestion when one is close', () => {
    expect(codes(start().fieldTimer('birthday', { tz: 'Europe/Pairs' }))).toEqual(['NUDGE015 field-birthday']);
    expect(codes(start().delay('1d', { tz: '+05:00' }))).toEqual(['NUDGE015 wait-1d']);
    const [d] = validateSequences([sequence('s', {
      name: 'S', startOn: tagApplied('t'), paths: [start().delay('1d', { tz: 'Europe/Pairs' }).applyTag('x')],
    })]);
    expect(d.message).toContain('Did you mean "Europe/Paris"?');
    const [e] = validateSequences([sequence('s', {
      name: 'S', startOn: tagApplied('t'), paths: [start().delay('1d', { tz: 'Nowhere' }).applyTag('x')],
    })]);
    expect(e.message).toContain("Use 'account', 'contact' or an IANA zone name");
  });
});
