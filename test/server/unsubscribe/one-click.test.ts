// One-click unsubscribe end to end: `nudge serve` with a real SMTP server.
// The marketing email carries List-Unsubscribe (HTTPS + mailto) and
// List-Unsubscribe-Post, the staff notification does not; the one-click
// POST unsubscribes at once, fires unsubscribed() (a stop goal), and a
// repeat changes nothing; a GET alone changes nothing; forged, altered and
// expired tokens are 404.
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'parse5';
import { startSmtp } from '../../delivery/helpers';
import { describe, expect, it } from 'vitest';
import { deriveTokenKey, sealToken } from '../../../runtime/delivery/sealed-token';
import { readMail } from '../read-mail';
import { startServeProcess } from '../serve-process';

const TOKEN = 'one-click-test-token-0123456789ab';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const PUBLIC = 'https://nudge.acme.test';

const SEQUENCE = `
import { sequence, start, formSubmitted, unsubscribed } from 'nudge';
export default sequence('news', {
  name: 'News',
  startOn: formSubmitted('signup'),
  stopOn: unsubscribed(),
  paths: [
    start()
      .email({ id: 'issue-1', subject: 'Issue 1', body: '<p>Hi ~Contact.FirstName|there~. <a href="https://acme.test/read">Read</a></p><p>~Account.Address~ · <a href="~Unsubscribe~">Unsubscribe</a></p>' })
      .delay('2d')
      .email({ id: 'issue-2', subject: 'Issue 2', body: 'Again. ~Account.Address~ Unsubscribe: ~Unsubscribe~' }),
    start()
      .email({ id: 'tell-sales', to: ['sales@acme.test'], subject: 'New reader', body: '<p>~Contact.Email~ signed up.</p>' }),
  ],
});
`;

async function waitFor<T>(what: () => T | undefined, output: () => string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function anchors(html: string): Array<{ href: string; text: string }> {
  const out: Array<{ href: string; text: string }> = [];
  const walk = (node: any) => {
    if (node.tagName === 'a') {
      const text = (node.childNodes ?? []).map((c: any) => c.value ?? '').join('');
      out.push({ href: node.attrs.find((a: any) => a.name === 'href')?.value ?? '', text });
    }
    for (const c of node.childNodes ?? []) walk(c);
    if (node.content) walk(node.content);
  };
  walk(parse(html));
  return out;
}

describe('one-click unsubscribe through nudge serve', () => {
  it('puts the headers on marketing email only, and unsubscribes on the one-click POST alone', async () => {
    const smtp = await startSmtp();
    const cwd = mkdtempSync(join(tmpdir(), 'nudge-one-click-'));
    const dir = join(cwd, 'sequences');
    mkdirSync(dir);
    writeFileSync(join(dir, 'news.seq.ts'), SEQUENCE);
    writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({
      token: TOKEN, publicUrl: PUBLIC, unsubscribeMailto: 'unsubscribe@acme.test',
      account: { name: 'Acme Coffee', address: '100 Roaster Lane, Springfield, IL 62701, USA' },
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
    }));
    const serve = await startServeProcess(cwd, dir);
    const api = (path: string, init: RequestInit = {}) => fetch(`${serve.url}${path}`, { ...init, headers: { ...AUTH, ...(init.headers ?? {}) } });
    try {
      const form = await fetch(`${serve.url}/forms/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.test', firstName: 'Ada' }) });
      expect(form.status).toBe(202);
      const issue1 = readMail(await waitFor(() => smtp.mails.find((m) => m.to.includes('ada@example.test'))?.raw, serve.output));
      const staff = readMail(await waitFor(() => smtp.mails.find((m) => m.to.includes('sales@acme.test'))?.raw, serve.output));

      // Marketing: both headers, the HTTPS link and the mailto with the same token.
      const list = issue1.header('list-unsubscribe')!;
      const match = /^<(https:\/\/nudge\.acme\.test\/u\/([A-Za-z0-9_-]+))>, <mailto:unsubscribe@acme\.test\?subject=([A-Za-z0-9_-]+)>$/.exec(list);
      expect(match, list).not.toBeNull();
      const [, httpsLink, token, mailtoToken] = match!;
      expect(mailtoToken).toBe(token);
      expect(issue1.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      // The body's link is the same one, untracked; the author's link is tracked as before.
      const links = anchors(issue1.html!);
      expect(links.find((a) => a.text === 'Unsubscribe')?.href).toBe(httpsLink);
      expect(links.find((a) => a.text === 'Read')?.href).toMatch(/^https:\/\/nudge\.acme\.test\/l\//);
      expect(issue1.html).toContain('100 Roaster Lane, Springfield, IL 62701, USA');
      expect(issue1.text).toContain(httpsLink);
      // Transactional (staff): none of it.
      expect(staff.header('list-unsubscribe')).toBeUndefined();
      expect(staff.header('list-unsubscribe-post')).toBeUndefined();

      const { contacts: [contact] } = await (await api('/contacts')).json() as { contacts: Array<{ id: string }> };
      const status = async () => ((await (await api(`/contacts/${contact.id}`)).json()) as { emailStatus?: string }).emailStatus;
      const history = async () => (await (await api(`/contacts/${contact.id}/history`)).json()) as unknown[];
      const path = `/u/${token}`;

      // A GET (a link scanner, a preview) shows the page and changes nothing.
      const page = await fetch(`${serve.url}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const pageHtml = await page.text();
      expect(pageHtml).toMatch(/<form method="post">/);
      expect(pageHtml).not.toMatch(/<script|src=|href=/);
      expect(await status()).toBeUndefined();
      const before = (await history()).length;

      // Forged, altered and expired tokens: 404, nothing changes.
      const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
      const key = deriveTokenKey(createHash('sha256').update(`nudge-consent-links:${TOKEN}`).digest('hex'));
      const expired = sealToken(key, 'unsubscribe', { c: contact.id, s: 'news', t: 'issue-1' }, Date.parse('2026-01-01T00:00:00Z'));
      const wrongPurpose = sealToken(key, 'confirm', { c: contact.id, f: 'signup' }, Date.parse('2030-01-01T00:00:00Z'));
      for (const bad of [altered, `${token}==`, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expired, wrongPurpose]) {
        const r = await fetch(`${serve.url}/u/${bad}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
        expect(r.status, bad).toBe(404);
        expect((await fetch(`${serve.url}/u/${bad}`)).status).toBe(404);
      }
      expect(await status()).toBeUndefined();

      // The one-click POST: 200 at once, no redirect; the contact is unsubscribed, the goal fired.
      const oneClick = () => fetch(`${serve.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      const first = await oneClick();
      expect(first.status).toBe(200);
      expect(first.headers.get('location')).toBeNull();
      expect(await status()).toBe('list-unsubscribe');
      const after = await history();
      expect(after.length).toBeGreaterThanOrEqual(before);
      const enrollments = async () => JSON.stringify(await (await api(`/contacts/${contact.id}/enrollments`)).json());
      // unsubscribed() is the stop goal: the enrollment is no longer running.
      const stopped = await enrollments();
      expect(JSON.parse(stopped).find((e: { sequenceId: string }) => e.sequenceId === 'news')?.status).not.toBe('running');

      // A repeat changes nothing.
      expect((await oneClick()).status).toBe(200);
      expect(await status()).toBe('list-unsubscribe');
      expect(await history()).toEqual(after);
      expect(await enrollments()).toBe(stopped);

      // The sequence stopped: two days later issue 2 does not go out.
      const advance = await api('/clock/advance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 3 * 86_400_000 }) });
      expect(advance.status, await advance.clone().text()).toBe(200);
      await new Promise((r) => setTimeout(r, 2500));
      expect(smtp.mails.filter((m) => m.to.includes('ada@example.test'))).toHaveLength(1);
    } finally {
      serve.stop();
      await smtp.close();
    }
  }, 90_000);
});
