import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkClicked, sequence, start, tagApplied } from 'nudge';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { buildApp } from '../../runtime/server/app';
import { createLinkTokens } from '../../runtime/delivery/link-tokens';
import { AUTH, START, TOKEN } from './helpers';

const KEY = 'link-key-for-tests-0123456789abcdef';
const DAY = 86_400_000;

const nurture = sequence('nurture', {
  name: 'Nurture; a clicked demo link tags the contact',
  startOn: tagApplied('Lead'),
  paths: [start()
    .email({ id: 'email-demo', subject: 'Book a demo', body: '<a href="https://acme.test/demo">Book</a> <a href="https://acme.test/faq">FAQ</a>' })
    .delay('3d')
    .email({ id: 'email-reminder', subject: 'Still interested?', body: 'Reminder.' })],
});

// Every firing of linkClicked on the demo link enrolls the contact again (it completes at once): fired goals are countable.
const clicked = sequence('clicked', {
  name: 'Clicked the demo link',
  startOn: linkClicked('email-demo', 'https://acme.test/demo'),
  paths: [start().applyTag('Clicked demo')],
});

async function open() {
  const store = await LowdbStore.open(join(mkdtempSync(join(tmpdir(), 'nudge-links-')), 'store.json'));
  await store.commit({ contacts: [{ id: 'c1', email: 'ann@example.test' }, { id: 'c2', email: 'bo@example.test' }] });
  const clock = new SimulatedClock(START);
  const host = await RuntimeHost.create({ store, clock, accountZone: 'UTC' });
  host.publish([{ ir: nurture, version: 1 }, { ir: clicked, version: 1 }]);
  const app = await buildApp({ host, token: TOKEN, linkKey: KEY });
  const tokens = createLinkTokens(KEY);
  const link = (contactId: string, link = 0, url = 'https://acme.test/demo', expiresAt = START + 365 * DAY) =>
    tokens.encode({ url, contactId, sequenceId: 'nurture', stepId: 'email-demo', link }, expiresAt);
  const entries = async (contactId: string) => ((await store.getEnrollments([contactId])).get(contactId) ?? []).filter((e) => e.sequenceId === 'clicked').length;
  const stats = async () => (await app.inject({ method: 'GET', url: '/sequences/nurture', headers: AUTH })).json().report.steps.find((s: { stepId: string }) => s.stepId === 'email-demo').email;
  return { app, host, store, clock, tokens, link, entries, stats };
}

describe('GET /l/:token (tracked links)', () => {
  it('redirects to the URL and fires linkClicked, without a bearer token', async () => {
    const { app, host, link, entries } = await open();
    await host.apply('c1', { tagsApplied: ['Lead'] });
    const res = await app.inject({ method: 'GET', url: `/l/${link('c1')}` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://acme.test/demo');
    expect(await entries('c1')).toBe(1);
    expect((await host.contact('c1'))?.tags).toContain('Clicked demo');
  });

  it('counts every click but fires linkClicked once per contact and link: a replayed token changes nothing', async () => {
    const { app, link, entries, stats } = await open();
    const token = link('c1');
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ method: 'GET', url: `/l/${token}` });
      expect(res.statusCode).toBe(302);
    }
    // A fresh token for the same contact and link (the same email resent, or forwarded) is the same link.
    expect((await app.inject({ method: 'GET', url: `/l/${link('c1')}` })).statusCode).toBe(302);
    expect(await entries('c1')).toBe(1);
    // Another contact, and another link of the same email, fire on their own.
    await app.inject({ method: 'GET', url: `/l/${link('c2')}` });
    await app.inject({ method: 'GET', url: `/l/${link('c1', 1, 'https://acme.test/faq')}` });
    expect(await entries('c2')).toBe(1);
    expect((await stats()).clicks).toBe(6);
  });

  it('two clicks at the same moment fire once', async () => {
    const { app, link, entries } = await open();
    const token = link('c1');
    const answers = await Promise.all(Array.from({ length: 5 }, () => app.inject({ method: 'GET', url: `/l/${token}` })));
    expect(answers.map((a) => a.statusCode)).toEqual([302, 302, 302, 302, 302]);
    expect(await entries('c1')).toBe(1);
  });

  it('refuses altered tokens with 404 and never redirects: a changed last character, `==` appended, another key', async () => {
    const { app, link, stats } = await open();
    const token = link('c1');
    const other = createLinkTokens('another-key-entirely-0123456789abcdef').encode({ url: 'https://evil.test', contactId: 'c1', sequenceId: 'nurture', stepId: 'email-demo', link: 0 }, START + DAY);
    const forged = [`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, `${token}==`, `${token}%3D%3D`, `${token.slice(0, -2)}`, other, 'abc123'];
    for (const bad of forged) {
      const res = await app.inject({ method: 'GET', url: `/l/${bad}` });
      expect(res.statusCode, bad).toBe(404);
      expect(res.headers.location).toBeUndefined();
      expect(res.json().code).toBe('NUDGE_ERR_NOT_FOUND');
    }
    expect((await stats()).clicks).toBe(0);
  });

  it('an expired token gets a plain page with status 410, no redirect, nothing fired or counted', async () => {
    const { app, clock, link, entries, stats } = await open();
    const token = link('c1', 0, 'https://acme.test/demo', START + DAY);
    clock.advance(DAY);
    const res = await app.inject({ method: 'GET', url: `/l/${token}` });
    expect(res.statusCode).toBe(410);
    expect(res.headers.location).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('This link has expired.');
    expect(res.body).not.toContain('acme.test');
    expect(await entries('c1')).toBe(0);
    expect((await stats()).clicks).toBe(0);
  });

  it('a deleted contact\'s link still redirects, counts the click and fires nothing; its memory of clicks goes with it', async () => {
    const { app, host, store, link } = await open();
    await app.inject({ method: 'GET', url: `/l/${link('c1')}` });
    expect(await store.getMeta('linkClicks:c1')).toEqual([['nurture', 'email-demo', 0]]);
    await host.deleteContact('c1');
    expect(await store.getMeta('linkClicks:c1')).toBeUndefined();
    const res = await app.inject({ method: 'GET', url: `/l/${link('c1')}` });
    expect(res.statusCode).toBe(302);
    expect(await host.contact('c1')).toBeUndefined();
  });

  it('without a link key every link is unknown', async () => {
    const { host, link } = await open();
    const app = await buildApp({ host, token: TOKEN });
    expect((await app.inject({ method: 'GET', url: `/l/${link('c1')}` })).statusCode).toBe(404);
  });
});

describe('GET /o/:token (open pixel)', () => {
  it('answers a 1×1 transparent GIF and counts an open of the step; a bad token gets the image and counts nothing', async () => {
    const { app, tokens, stats } = await open();
    const pixel = tokens.encodeOpen({ sequenceId: 'nurture', stepId: 'email-demo' }, START + DAY);
    for (const t of [pixel, pixel, 'garbage', `${pixel}==`]) {
      const res = await app.inject({ method: 'GET', url: `/o/${t}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/gif');
      expect(res.rawPayload.subarray(0, 6).toString('latin1')).toBe('GIF89a');
      expect(res.rawPayload.readUInt16LE(6)).toBe(1);
      expect(res.rawPayload.readUInt16LE(8)).toBe(1);
    }
    expect((await stats()).opens).toBe(2);
  });
});
