/**
 * Tracking end to end, with real parts: a Fastify server listening on
 * 127.0.0.1, a lowdb store in a temp dir, delivery through a real
 * smtp-server, parse5 on the HTML that arrived. The tracked link pulled
 * from the delivered email redirects; replaying it counts a click but
 * fires nothing; altered and expired tokens are refused; the request log
 * never holds a token; GET /sequences/:id shows the step's figures.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterEach, describe, expect, it } from 'vitest';
import { linkClicked, sequence, start, tagApplied } from 'nudge';
import { DeliveryWorker } from '../../runtime/delivery/delivery-worker';
import { closeTransports, createTransports } from '../../runtime/delivery/create-transports';
import { linkTracker, openPixel } from '../../runtime/delivery/link-tokens';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { emailOutcomeCounter } from '../../runtime/hosts/live/email-outcomes';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { buildApp } from '../../runtime/server/app';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { startSmtp } from '../delivery/helpers';
import { AUTH, START, TOKEN } from './helpers';
import { readMail } from './read-mail';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const KEY = 'end-to-end-link-key-0123456789abcdef';
const DAY = 86_400_000;

const demo = sequence('demo', {
  name: 'Demo invitation',
  startOn: tagApplied('Lead'),
  paths: [start()
    .email({ id: 'email-invite', subject: 'Book a demo, ~Contact.FirstName~', body: '<html><body><p>Hi ~Contact.FirstName~,</p><p><a href="https://acme.test/demo?who=~Contact.FirstName~">Book a demo</a></p></body></html>' })],
});

const booked = sequence('booked', {
  name: 'Clicked the invitation',
  startOn: linkClicked('email-invite'),
  paths: [start().applyTag('Clicked invite')],
});

/** Every element of a document, depth first. */
function elements(html: string): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) out.push(node as Element);
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(parse(html) as unknown as Node);
  return out;
}
const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function world() {
  const smtp = await startSmtp();
  cleanups.push(smtp.close);
  const store = await LowdbStore.open(join(mkdtempSync(join(tmpdir(), 'nudge-tracking-')), 'store.json'));
  cleanups.push(() => store.close());
  const clock = new SimulatedClock(START);
  const host = await RuntimeHost.create({ store, clock, accountZone: 'UTC' });
  host.publish([{ ir: demo, version: 1 }, { ir: booked, version: 1 }]);
  const logs: string[] = [];
  const app = await buildApp({ host, token: TOKEN, linkKey: KEY, logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } } });
  cleanups.push(() => app.close());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const tracking = { baseUrl: url, secret: KEY, expiryMs: 30 * DAY };
  const transports = createTransports({
    outboxDir: mkdtempSync(join(tmpdir(), 'nudge-tracking-outbox-')), defaultFrom: 'Acme <hello@acme.test>',
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
    trackLink: linkTracker(tracking), openPixel: openPixel(tracking),
  });
  cleanups.push(() => closeTransports(transports));
  const errors: unknown[] = [];
  const worker = new DeliveryWorker({ store, clock, transports, onOutcome: emailOutcomeCounter(host, (e) => errors.push(e)) });
  return { smtp, store, clock, host, app, url, logs, worker, errors };
}

describe('tracked links through a real server, SMTP and parse5', () => {
  it('the delivered link redirects; a replay counts but fires once; altered and expired tokens are refused; logs hold no token; the step shows its figures', async () => {
    const w = await world();
    const created = await fetch(`${w.url}/contacts`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'c1', email: 'ann@example.test', firstName: 'Ann', tags: ['Lead'] }) });
    expect(created.status).toBe(201);
    expect(await w.worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    const mail = readMail(w.smtp.mails[0].raw);
    const found = elements(mail.html!);
    const links = found.filter((el) => el.tagName === 'a').map((a) => attr(a, 'href')!);
    expect(links).toHaveLength(1);
    const tracked = new URL(links[0]);
    expect(tracked.origin).toBe(w.url);
    expect(tracked.pathname).toMatch(/^\/l\/[A-Za-z0-9_-]+$/);
    const token = tracked.pathname.slice(3);
    // Opaque: neither the contact id nor the destination in the token.
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toMatch(/c1|acme/);
    // The open pixel: last in the body, 1×1, hidden from screen readers.
    const img = found.filter((el) => el.tagName === 'img').at(-1)!;
    expect(new URL(attr(img, 'src')!).pathname).toMatch(/^\/o\/[A-Za-z0-9_-]+$/);
    expect([attr(img, 'width'), attr(img, 'height'), attr(img, 'alt')]).toEqual(['1', '1', '']);
    // The text alternative has the tracked link but no pixel.
    expect(mail.text).toContain(links[0]);
    expect(mail.text).not.toContain('/o/');

    const first = await fetch(links[0], { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('https://acme.test/demo?who=Ann');
    for (let i = 0; i < 2; i++) expect((await fetch(links[0], { redirect: 'manual' })).status).toBe(302);
    const enrollments = async () => (await (await fetch(`${w.url}/contacts/c1/enrollments`, { headers: AUTH })).json()) as Array<{ sequenceId: string }>;
    expect((await enrollments()).filter((e) => e.sequenceId === 'booked')).toHaveLength(1);
    const pixel = await fetch(attr(img, 'src')!);
    expect(pixel.headers.get('content-type')).toBe('image/gif');

    for (const bad of [`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, `${token}==`]) {
      const res = await fetch(`${w.url}/l/${bad}`, { redirect: 'manual' });
      expect(res.status).toBe(404);
      expect(res.headers.get('location')).toBeNull();
    }
    const advanced = await fetch(`${w.url}/clock/advance`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ ms: 30 * DAY }) });
    expect(advanced.status).toBe(200);
    const expired = await fetch(links[0], { redirect: 'manual' });
    expect(expired.status).toBe(410);
    expect(expired.headers.get('location')).toBeNull();
    expect(await expired.text()).toContain('This link has expired.');

    const report = (await (await fetch(`${w.url}/sequences/demo`, { headers: AUTH })).json()) as { report: { steps: Array<{ stepId: string; email?: Record<string, number> }> } };
    expect(report.report.steps.find((s) => s.stepId === 'email-invite')?.email).toEqual({ sent: 1, delivered: 1, bounced: 0, complaints: 0, unsubscribes: 0, clicks: 3, opens: 1 });
    expect(w.errors).toEqual([]);

    // Every request was logged, none with a token: the route pattern stands in for it.
    const lines = w.logs.map((l) => JSON.parse(l) as { msg: string; req?: { url: string } });
    const urls = lines.filter((l) => l.msg === 'incoming request').map((l) => l.req!.url);
    expect(urls.filter((u) => u === '/l/:token')).toHaveLength(6);
    expect(urls).toContain('/o/:token');
    const pixelToken = new URL(attr(img, 'src')!).pathname.slice(3);
    for (const secret of [token, token.slice(0, 16), pixelToken.slice(0, 16)]) expect(w.logs.join('\n')).not.toContain(secret);
  }, 60_000);

  it('tracks only the template\'s link: a link in merged data is text, and the tracked one still goes where the template said', async () => {
    const w = await world();
    const attack = '<a href="https://evil.test/login">Verify</a>"><img src=x onerror=alert(1)>';
    const created = await fetch(`${w.url}/contacts`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'c2', email: 'eve@example.test', firstName: attack, tags: ['Lead'] }) });
    expect(created.status).toBe(201);
    await w.worker.runOnce();
    const html = readMail(w.smtp.mails[0].raw).html!;
    const found = elements(html);
    const links = found.filter((el) => el.tagName === 'a').map((a) => attr(a, 'href')!);
    expect(links).toHaveLength(1);
    expect(found.filter((el) => el.tagName === 'img').map((img) => new URL(attr(img, 'src')!).pathname.slice(0, 3))).toEqual(['/o/']);
    const res = await fetch(links[0], { redirect: 'manual' });
    const to = new URL(res.headers.get('location')!);
    expect(to.origin + to.pathname).toBe('https://acme.test/demo');
    expect(to.searchParams.get('who')).toBe(attack);
  }, 60_000);

  it('a URL that matches no route but starts like a token route is logged without what follows', async () => {
    const w = await world();
    await fetch(`${w.url}/l/some-token-like-text/extra?x=1`);
    await fetch(`${w.url}/u/another-token-value/extra`);
    const urls = w.logs.map((l) => JSON.parse(l) as { msg: string; req?: { url: string } }).filter((l) => l.req).map((l) => l.req!.url);
    expect(urls).toEqual(['/l/…', '/u/…']);
    expect(w.logs.join('\n')).not.toMatch(/token-like|another-token/);
  });
});
