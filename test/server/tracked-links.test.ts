import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkClicked, sequence, start, tagApplied } from 'nudge';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { buildApp } from '../../runtime/server/app';
import { encodeLinkToken } from '../../runtime/delivery/link-tokens';
import { START, TOKEN } from './helpers';

const SECRET = 'link-secret-for-tests-0123456789';

const nurture = sequence('nurture', {
  name: 'Nurture until the demo link is clicked',
  startOn: tagApplied('Lead'),
  stopOn: linkClicked('email-demo', 'https://acme.test/demo'),
  paths: [start()
    .email({ id: 'email-demo', subject: 'Book a demo', body: '<a href="https://acme.test/demo">Book</a>' })
    .delay('3d')
    .email({ id: 'email-reminder', subject: 'Still interested?', body: 'Reminder.' })],
});

async function open() {
  const store = await LowdbStore.open(join(mkdtempSync(join(tmpdir(), 'nudge-links-')), 'store.json'));
  await store.commit({ contacts: [{ id: 'c1', email: 'ann@example.test' }] });
  const host = await RuntimeHost.create({ store, clock: new SimulatedClock(START), accountZone: 'UTC' });
  host.publish([{ ir: nurture, version: 1 }]);
  const app = await buildApp({ host, token: TOKEN, linkSecret: SECRET });
  return { app, host, store };
}

describe('GET /l/:token (tracked links)', () => {
  it('redirects to the URL and fires linkClicked, which stops the sequence, without a bearer token', async () => {
    const { app, host, store } = await open();
    await host.apply('c1', { tagsApplied: ['Lead'] });
    const token = encodeLinkToken(SECRET, { url: 'https://acme.test/demo', contactId: 'c1', sequenceId: 'nurture', stepId: 'email-demo' });
    const res = await app.inject({ method: 'GET', url: `/l/${token}` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://acme.test/demo');
    const [enrollment] = (await store.getEnrollments(['c1'])).get('c1')!;
    expect(enrollment.status).toBe('stopped');
  });

  it('refuses a tampered token with 404 and does not redirect', async () => {
    const { app } = await open();
    const token = encodeLinkToken(SECRET, { url: 'https://acme.test/demo', contactId: 'c1', sequenceId: 'nurture', stepId: 'email-demo' });
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const res = await app.inject({ method: 'GET', url: `/l/${forged}` });
    expect(res.statusCode).toBe(404);
    expect(res.headers.location).toBeUndefined();
    expect(res.json().code).toBe('NUDGE_ERR_NOT_FOUND');
  });
});
