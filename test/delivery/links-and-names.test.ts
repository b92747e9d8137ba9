import { describe, expect, it } from 'vitest';
import { createLinkTokens, decodeLinkToken, encodeLinkToken, linkTracker } from '../../runtime/delivery/link-tokens';
import { keyToName, messageIdFor } from '../../runtime/delivery/key-names';
import { htmlToText, looksLikeHtml } from '../../runtime/delivery/html-text';
import { rewriteLinks } from '../../runtime/delivery/rewrite-links';

const SECRET = 'a-long-enough-test-secret';
const DATA = { url: 'https://acme.test/offer?x=1&y=ü', contactId: 'c-42', sequenceId: 'welcome', stepId: 'email-1' };

describe('link tokens', () => {
  it('round-trip', () => {
    const token = encodeLinkToken(SECRET, DATA);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/); // safe in a URL path as is
    expect(decodeLinkToken(SECRET, token)).toEqual(DATA);
    const tokens = createLinkTokens(SECRET);
    expect(tokens.decode(tokens.encode(DATA))).toEqual(DATA);
  });

  it('reject tampering, another secret, and garbage', () => {
    const token = encodeLinkToken(SECRET, DATA);
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ u: 'https://evil.test', c: 'c-42', s: 'welcome', t: 'email-1' })).toString('base64url');
    expect(decodeLinkToken(SECRET, `${forged}.${signature}`)).toBeNull();
    expect(decodeLinkToken(SECRET, `${payload}.${signature.slice(0, -2)}AA`)).toBeNull();
    expect(decodeLinkToken(SECRET, `${payload}.${signature.slice(0, -1)}`)).toBeNull();
    expect(decodeLinkToken('another-secret-entirely', token)).toBeNull();
    for (const junk of ['', '.', 'abc', `${token}.x`, '!!!.???', `${Buffer.from('[]').toString('base64url')}.x`]) expect(decodeLinkToken(SECRET, junk)).toBeNull();
    // Signed but not a token's shape: still refused.
    const odd = Buffer.from(JSON.stringify({ u: 1 })).toString('base64url');
    const oddToken = encodeLinkToken(SECRET, DATA).replace(payload, odd);
    expect(decodeLinkToken(SECRET, oddToken)).toBeNull();
  });

  it('refuse an empty secret', () => {
    expect(() => encodeLinkToken('', DATA)).toThrow(/must not be empty/);
  });

  it('linkTracker builds <baseUrl>/l/<token>', () => {
    const url = linkTracker('https://nudge.acme.test/', SECRET)(DATA.url, DATA);
    expect(url).toMatch(/^https:\/\/nudge\.acme\.test\/l\/[^/]+$/);
    expect(decodeLinkToken(SECRET, url.split('/l/')[1])).toEqual(DATA);
  });
});

describe('link rewriting and HTML', () => {
  const track = (url: string) => `T(${url})`;
  const ctx = { contactId: 'c1', sequenceId: 's', stepId: 'e' };

  it('rewrites http(s) hrefs in either quote style, leaves mailto and anchors alone, keeps entities right', () => {
    const html = `<a href="https://a.test/?p=1&amp;q=2">A</a> <a class='x' href='http://b.test'>B</a> <a href="mailto:x@y.test">M</a> <a href="#top">T</a>`;
    expect(rewriteLinks(html, track, ctx)).toBe(
      `<a href="T(https://a.test/?p=1&amp;q=2)">A</a> <a class='x' href='T(http://b.test)'>B</a> <a href="mailto:x@y.test">M</a> <a href="#top">T</a>`,
    );
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
