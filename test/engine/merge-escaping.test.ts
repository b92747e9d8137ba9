/**
 * Merged values are escaped for the place they land (docs/semantics.md,
 * "Merge fields"): contact data in an HTML email can add no element, no
 * attribute and no link target; in a header it stays on one line; in plain
 * text it is kept as is, and a plain body stays plain.
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { sequence, start } from 'nudge';
import type { Contact } from '../../runtime/engine/model';
import { emailMessage } from '../../runtime/delivery/email-message';
import type { EmailEffect } from '../../runtime/delivery/transport';
import { emails, run } from './helpers';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Every element of a fragment, depth first: tag and attributes. */
function elements(html: string): Array<{ tag: string; attrs: Record<string, string> }> {
  const out: Array<{ tag: string; attrs: Record<string, string> }> = [];
  const walk = (node: Node) => {
    if ('tagName' in node) out.push({ tag: node.tagName, attrs: Object.fromEntries((node as Element).attrs.map((a) => [a.name, a.value])) });
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
    if ('content' in node) walk((node as unknown as { content: Node }).content);
  };
  walk(parseFragment(html) as unknown as Node);
  return out;
}

const ATTACKS = [
  '<a href="https://evil.test/login">Verify</a><script>x()</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  'javascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '//evil.test/x',
  'x&y=1#@evil.test/../',
  'Ann\r\nBcc: x@evil.test',
  '</style></script><!-- --><b>',
];

const TEMPLATE = [
  '<p title="Hi ~Contact.FirstName~">Hi ~Contact.FirstName|there~,</p>',
  '<p><a href="https://acme.test/book?who=~Contact.FirstName~&amp;c=~Contact.Company~">Book</a></p>',
  '<p><a href="~Contact.Website~">Your site</a> <img alt=~Contact.LastName~ src="https://acme.test/p.png"></p>',
  '<div style="color: ~Contact.Company~">~Contact.LastName~</div><!-- ~Contact.FirstName~ -->',
].join('\n');

const TEMPLATE_ELEMENTS = elements(TEMPLATE.replace(/~[^~]*~/g, 'v'));

function welcome(contacts: Contact[]) {
  const seq = sequence('welcome', {
    name: 'Welcome',
    paths: [start().email({ id: 'welcome', subject: 'Welcome, ~Contact.FirstName|friend~!', body: TEMPLATE, from: '~Contact.LastName~ <hello@acme.test>' })],
  });
  return emails(run([seq], contacts, { start: '2026-03-02T15:00:00.000Z', days: 1 }).effects);
}

describe('merged values in an HTML email', () => {
  const contacts: Contact[] = ATTACKS.map((a, i) => ({ id: `c${i}`, email: `c${i}@example.test`, firstName: a, lastName: a, company: a, website: a }));
  const sent = welcome(contacts);

  it('add no element and no attribute: the parsed body has exactly the template\'s tags and attribute names', () => {
    expect(sent).toHaveLength(ATTACKS.length);
    for (const e of sent) {
      expect(e.bodyFormat).toBe('html');
      const found = elements(e.body);
      expect(found.map((el) => [el.tag, Object.keys(el.attrs)])).toEqual(TEMPLATE_ELEMENTS.map((el) => [el.tag, Object.keys(el.attrs)]));
    }
  });

  it('come back as the literal text in text and attribute values', () => {
    for (const [i, e] of sent.entries()) {
      // An HTML parser reads a written CR LF as LF (a character reference &#13; stays CR).
      const literal = ATTACKS[i].replace(/\r\n/g, '\n');
      const [p] = elements(e.body);
      expect(p.attrs.title).toBe(`Hi ${literal}`);
      expect(elements(e.body).find((el) => el.tag === 'img')?.attrs.alt).toBe(ATTACKS[i]);
    }
  });

  it('cannot change where a link goes: in the query a value is one percent-encoded component', () => {
    for (const [i, e] of sent.entries()) {
      const href = elements(e.body).find((el) => el.tag === 'a')!.attrs.href;
      const url = new URL(href);
      expect(url.origin).toBe('https://acme.test');
      expect(url.pathname).toBe('/book');
      expect(url.searchParams.get('who')).toBe(ATTACKS[i]);
      expect(url.hash).toBe('');
    }
  });

  it('renders a link target that starts with a merge field as about:invalid unless it is a web address', () => {
    const targets = sent.map((e) => elements(e.body).filter((el) => el.tag === 'a')[1].attrs.href);
    expect(new Set(targets)).toEqual(new Set(['about:invalid']));
    const [site] = welcome([{ id: 'c1', email: 'a@example.test', website: 'https://ada.example/home?x=1&y=2' }]);
    expect(elements(site.body).filter((el) => el.tag === 'a')[1].attrs.href).toBe('https://ada.example/home?x=1&y=2');
  });

  it('cannot be rewritten into a tracked link: only the template\'s links are tracked', () => {
    const tracked: string[] = [];
    for (const e of sent) {
      emailMessage(e as EmailEffect, { defaultFrom: 'hello@acme.test', trackLink: (url) => (tracked.push(url), `https://t.acme.test/l/${tracked.length}`) });
    }
    expect(tracked.length).toBe(ATTACKS.length);
    for (const url of tracked) expect(new URL(url).origin).toBe('https://acme.test');
  });

  it('keep the subject and From on one line', () => {
    const e = sent[ATTACKS.indexOf('Ann\r\nBcc: x@evil.test')];
    expect(e.subject).toBe('Welcome, Ann Bcc: x@evil.test!');
    expect(e.from).toBe('Ann Bcc  x@evil.test <hello@acme.test>');
    for (const m of sent) expect(`${m.subject}${m.from}`).not.toMatch(/[\r\n\u2028\u2029]/);
  });

  it('cannot add an address to From or To: address syntax in a merged value is blanked', () => {
    for (const m of sent) expect(m.from).toMatch(/^[^<>",;]*<hello@acme\.test>$/);
    const seq = sequence('notify', { name: 'Notify', paths: [start().email({ to: ['~Contact.Company~'], subject: 'Lead', body: 'x' })] });
    const [staff] = emails(run([seq], [{ id: 'c1', company: 'a@x.test, b@evil.test; <c@evil.test>' }], { start: '2026-03-02T15:00:00.000Z', days: 1 }).effects);
    expect(staff.to).toHaveLength(1);
    expect(staff.to[0]).not.toMatch(/[<>,;]/);
  });
});

describe('merged values in plain text', () => {
  it('are kept as they are, and markup in them does not make a plain body HTML', () => {
    const seq = sequence('plain', { name: 'Plain', paths: [start().email({ subject: 'Hi', body: 'Hi ~Contact.FirstName~, & welcome' })] });
    const [e] = emails(run([seq], [{ id: 'c1', email: 'a@example.test', firstName: ATTACKS[0] }], { start: '2026-03-02T15:00:00.000Z', days: 1 }).effects);
    expect(e.body).toBe(`Hi ${ATTACKS[0]}, & welcome`);
    expect(e.bodyFormat).toBe('text');
    const message = emailMessage(e as EmailEffect, { defaultFrom: 'hello@acme.test', trackLink: () => 'https://t.acme.test/l/1' });
    expect(message.html).toBeUndefined();
    expect(message.text).toBe(e.body);
  });
});
