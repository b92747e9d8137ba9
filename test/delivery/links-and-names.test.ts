import { describe, expect, it } from 'vitest';
import { createLinkTokens, linkTracker, openPixel } from '../../runtime/delivery/link-tokens';
import { keyToName, messageIdFor } from '../../runtime/delivery/key-names';
import { htmlToText, looksLikeHtml } from '../../runtime/delivery/html-text';
import { rewriteLinks } from '../../runtime/delivery/rewrite-links';
import { deriveTokenKey, sealToken } from '../../runtime/delivery/sealed-token';

const SECRET = 'a-long-enough-test-secret-0123456789';
const NOW = Date.parse('2026-12-04T15:00:00Z');
const YEAR = 365 * 86_400_000;
const DATA = { url: 'https://acme.test/offer?x=1&y=ü', contactId: 'c-42', sequenceId: 'welcome', stepId: 'email-1', link: 2 };

describe('link tokens (sealed)', () => {
  const tokens = createLinkTokens(SECRET);

  it('round-trip, and are opaque: neither the contact id nor the destination can be read from them', () => {
    const token = tokens.encode(DATA, NOW + YEAR);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/); // safe in a URL path as is
    expect(tokens.decode(token, NOW)).toEqual({ ok: true, data: DATA });
    const raw = Buffer.from(token, 'base64url').toString('latin1');
    for (const clear of ['c-42', 'acme.test', 'welcome', 'email-1']) expect(raw).not.toContain(clear);
    for (const view of [token, Buffer.from(token, 'base64url').toString('base64')]) expect(view).not.toMatch(/c-42|acme/);
  });

  it('refuse alternate encodings (a changed last character, `==` appended), tampering, another key, garbage', () => {
    const token = tokens.encode(DATA, NOW + YEAR);
    const last = token.at(-1)!;
    // The last character carries spare bits: some changes decode to the same bytes, and are refused all the same.
    for (const c of 'AEIMQUYcgkosw048BFJN') {
      if (c !== last) expect(tokens.decode(`${token.slice(0, -1)}${c}`, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
    for (const alt of [`${token}==`, `${token}=`, `${token}.`, token.replace(/-/g, '+').replace(/_/g, '/'), ` ${token}`, token.toUpperCase()]) {
      if (alt !== token) expect(tokens.decode(alt, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(createLinkTokens('another-secret-entirely-0123456789').decode(token, NOW)).toEqual({ ok: false, reason: 'invalid' });
    for (const junk of ['', '.', 'abc', '!!!', 'a'.repeat(5000), 42, null]) expect(tokens.decode(junk, NOW).ok).toBe(false);
  });

  it('expire, and are bound to their purpose: an open token is no link token, nor a sealed token of another shape', () => {
    const token = tokens.encode(DATA, NOW + 1000);
    expect(tokens.decode(token, NOW + 999).ok).toBe(true);
    expect(tokens.decode(token, NOW + 1000)).toEqual({ ok: false, reason: 'expired' });
    const open = tokens.encodeOpen({ sequenceId: 'welcome', stepId: 'email-1' }, NOW + YEAR);
    expect(tokens.decodeOpen(open, NOW)).toEqual({ ok: true, data: { sequenceId: 'welcome', stepId: 'email-1' } });
    expect(tokens.decode(open, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(tokens.decodeOpen(token, NOW)).toEqual({ ok: false, reason: 'invalid' });
    const key = deriveTokenKey(SECRET);
    for (const claims of <Array<Record<string, string | number>>>[{ u: 'javascript:alert(1)', c: 'c', s: 's', t: 't', i: 0 }, { u: 'https://x.test', c: 'c', s: 's', t: 't' }, { u: 'https://x.test', c: '', s: 's', t: 't', i: 0 }]) {
      expect(tokens.decode(sealToken(key, 'link', claims, NOW + YEAR), NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuse an empty secret', () => {
    expect(() => createLinkTokens('')).toThrow(/must not be empty/);
  });

  it('linkTracker builds <baseUrl>/l/<token> expiring linkExpiry after the step ran; a destination too long for a token stays as written', () => {
    const track = linkTracker({ baseUrl: 'https://nudge.acme.test/', secret: SECRET, expiryMs: 60_000 });
    const url = track(DATA.url, DATA, NOW)!;
    expect(url).toMatch(/^https:\/\/nudge\.acme\.test\/l\/[^/]+$/);
    const token = url.split('/l/')[1];
    expect(tokens.decode(token, NOW + 59_999)).toEqual({ ok: true, data: DATA });
    expect(tokens.decode(token, NOW + 60_000)).toEqual({ ok: false, reason: 'expired' });
    expect(track(`https://acme.test/${'x'.repeat(3000)}`, DATA, NOW)).toBeUndefined();
    const year = linkTracker({ baseUrl: 'https://nudge.acme.test', secret: SECRET })(DATA.url, DATA, NOW)!.split('/l/')[1];
    expect(tokens.decode(year, NOW + YEAR - 1000).ok).toBe(true);
    expect(tokens.decode(year, NOW + YEAR).ok).toBe(false);
    const pixel = openPixel({ baseUrl: 'https://nudge.acme.test', secret: SECRET })({ sequenceId: 's', stepId: 't' }, NOW);
    expect(tokens.decodeOpen(pixel.split('/o/')[1], NOW)).toEqual({ ok: true, data: { sequenceId: 's', stepId: 't' } });
  });
});

describe('link rewriting and HTML', () => {
  const track = (url: string, ctx: { link: number }) => `T${ctx.link}(${url})`;
  const ctx = { contactId: 'c1', sequenceId: 's', stepId: 'e', sentAt: NOW };

  it('rewrites http(s) hrefs in either quote style, numbers them in order, leaves mailto and anchors alone, keeps entities right', () => {
    const html = `<a href="https://a.test/?p=1&amp;q=2">A</a> <a class='x' href='http://b.test'>B</a> <a href="mailto:x@y.test">M</a> <a href="#top">T</a>`;
    expect(rewriteLinks(html, track, ctx)).toBe(
      `<a href="T0(https://a.test/?p=1&amp;q=2)">A</a> <a class='x' href='T1(http://b.test)'>B</a> <a href="mailto:x@y.test">M</a> <a href="#top">T</a>`,
    );
  });

  it('leaves a link alone when the tracker gives no tracked address', () => {
    const html = '<a href="https://a.test/">A</a>';
    expect(rewriteLinks(html, () => undefined, ctx)).toBe(html);
  });

  it('tells HTML from text and makes readable text of it', () => {
    expect(looksLikeHtml('Hi <b>Ann</b>')).toBe(true);
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
    expect(looksLikeHtml('Price: 3<5')).toBe(false);
    expect(htmlToText('<style>p{}</style><p>Hi&nbsp;Ann,</p><p>Line<br>two &amp; <a href="https://x.test">more</a></p><ul><li>one</li></ul>')).toBe(
      'Hi Ann,\n\nLine\ntwo & more (https://x.test)\n\n• one',
    );
  });
});

describe('file names and Message-IDs from idempotency keys', () => {
  it('are readable, one-to-one and safe', () => {
    expect(keyToName('welcome:v1:c1:email-1:1.1')).toBe('welcome+v1+c1+email-1+1.1');
    expect(keyToName('a:b')).not.toBe(keyToName('a+b'));
    expect(keyToName('a/b')).toBe('a%2Fb');
    expect(keyToName('..')).toBe('%2E%2E');
    expect(keyToName('x..y.')).toBe('x.%2Ey%2E');
    expect(keyToName('é')).toBe('%C3%A9');
    expect(keyToName('k'.repeat(400)).length).toBeLessThanOrEqual(180);
    expect(keyToName('k'.repeat(400))).not.toBe(keyToName('k'.repeat(401)));
    expect(messageIdFor('s:v2:c 1:e:1.1')).toBe('<s+v2+c%201+e+1.1@nudge.local>');
  });
});
