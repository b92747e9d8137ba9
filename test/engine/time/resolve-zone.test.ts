import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../../runtime/engine/time';

const ctx = { accountZone: 'America/New_York', contactZone: 'Asia/Kolkata' };

describe('resolveZone (SEMANTICS §2: which zone a timer uses)', () => {
  it('uses the account zone by default and for tz "account"', () => {
    expect(resolveZone(undefined, ctx)).toEqual({ zone: 'America/New_York', fellBack: false });
    expect(resolveZone('account', ctx)).toEqual({ zone: 'America/New_York', fellBack: false });
  });

  it("uses the contact's zone for tz 'contact'", () => {
    expect(resolveZone('contact', ctx)).toEqual({ zone: 'Asia/Kolkata', fellBack: false });
  });

  it("falls back to the account zone when the contact has none, saying so", () => {
    expect(resolveZone('contact', { accountZone: 'UTC' })).toEqual({ zone: 'UTC', fellBack: 'missing' });
    expect(resolveZone('contact', { accountZone: 'UTC', contactZone: '  ' })).toEqual({ zone: 'UTC', fellBack: 'missing' });
    expect(resolveZone('contact', { accountZone: 'UTC', contactZone: null })).toEqual({ zone: 'UTC', fellBack: 'missing' });
  });

  it("falls back to the account zone when the contact's zone is invalid, flagged so the caller can warn", () => {
    expect(resolveZone('contact', { accountZone: 'UTC', contactZone: 'Eastern' })).toEqual({ zone: 'UTC', fellBack: 'invalid' });
  });

  it('uses an explicit IANA zone whatever the contact says', () => {
    expect(resolveZone('Australia/Sydney', ctx)).toEqual({ zone: 'Australia/Sydney', fellBack: false });
    expect(resolveZone('Not/AZone', ctx)).toEqual({ zone: 'America/New_York', fellBack: 'invalid' });
  });

  it('refuses an invalid account zone (a configuration error)', () => {
    expect(() => resolveZone(undefined, { accountZone: 'EST5EDTX' })).toThrow(/account time zone "EST5EDTX"/);
  });
});
