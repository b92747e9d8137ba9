import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveTokenKey, openToken, sealToken, MAX_TOKEN_CHARS } from '../../runtime/delivery/sealed-token';

const key = deriveTokenKey('a-server-secret-of-enough-length-0123456789');
const now = Date.UTC(2026, 11, 4);
const year = 365 * 86_400_000;

describe('sealed tokens', () => {
  it('round-trips claims without showing them in the token', () => {
    const t = sealToken(key, 'unsubscribe', { c: 'contact-42', s: 'welcome', t: 'email-1' }, now + year);
    expect(t).not.toContain('contact-42');
    expect(Buffer.from(t, 'base64url').toString('latin1')).not.toContain('contact-42');
    expect(openToken(key, 'unsubscribe', t, now)).toEqual({ ok: true, claims: { c: 'contact-42', s: 'welcome', t: 'email-1' }, expiresAt: Math.ceil((now + year) / 1000) * 1000 });
  });

  it('is bound to its purpose and its key', () => {
    const t = sealToken(key, 'unsubscribe', { c: 'c1' }, now + year);
    expect(openToken(key, 'link', t, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(openToken(deriveTokenKey('another-secret-of-enough-length-0123456789'), 'unsubscribe', t, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('expires', () => {
    const t = sealToken(key, 'link', { u: 'https://example.com' }, now + 1000);
    expect(openToken(key, 'link', t, now + 999).ok).toBe(true);
    expect(openToken(key, 'link', t, now + 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('accepts only the canonical spelling: a changed last character or appended padding is refused', () => {
    const t = sealToken(key, 'link', { u: 'https://example.com/a' }, now + year);
    expect(openToken(key, 'link', `${t}==`, now).ok).toBe(false);
    expect(openToken(key, 'link', `${t}=`, now).ok).toBe(false);
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') {
      const altered = t.slice(0, -1) + c;
      if (altered !== t) expect(openToken(key, 'link', altered, now).ok).toBe(false);
    }
  });

  it('refuses every other string, including very long ones, without throwing', () => {
    expect(openToken(key, 'link', 'x'.repeat(MAX_TOKEN_CHARS + 1), now).ok).toBe(false);
    expect(openToken(key, 'link', undefined, now).ok).toBe(false);
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      expect(openToken(key, 'link', s, now).ok).toBe(false);
    }), { numRuns: 2000 });
  });

  it('refuses any single-bit change of a real token', () => {
    const t = sealToken(key, 'confirm', { c: 'c1' }, now + year);
    const raw = Buffer.from(t, 'base64url');
    for (let i = 0; i < raw.length * 8; i++) {
      const copy = Buffer.from(raw);
      copy[i >> 3]! ^= 1 << (i & 7);
      expect(openToken(key, 'confirm', copy.toString('base64url'), now).ok).toBe(false);
    }
  });
});
