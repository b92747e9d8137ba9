// Double opt-in: the form post stores a non-marketable contact and queues a
// transactional confirmation email; GET /c/:token changes nothing; the
// POST confirms, and only then does the form count as submitted.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formSubmitted, sequence, start } from 'nudge';
import { consentLinks } from '../../../runtime/delivery/consent-links';
import { emailMessage } from '../../../runtime/delivery/email-message';
import type { EmailEffect } from '../../../runtime/delivery/transport';
import { SimulatedClock } from '../../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../../runtime/hosts/live/runtime-host';
import { buildApp } from '../../../runtime/server/app';
import { LowdbStore } from '../../../runtime/store/lowdb-store';

const SECRET = 'double-opt-in-secret';
const welcome = sequence('welcome', {
  name: 'Welcome',
  startOn: formSubmitted('signup'),
  paths: [start().email({ id: 'hi', subject: 'Hi', body: 'Hi. ~Account.Address~ ~Unsubscribe~' })],
});
// The form declaration's flag, as the IR of a declared form carries it.
const ir = { ...welcome, startOn: [{ kind: 'formSubmitted', formId: 'signup', form: { fields: {}, tags: [], updatable: [], doubleOptIn: true } }] } as unknown as typeof welcome;

describe('double opt-in', () => {
  it('mails a confirmation link and makes the contact marketable only after the click', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-doi-'));
    const store = await LowdbStore.open(join(dir, 'store.json'));
    const host = await RuntimeHost.create({ store, clock: new SimulatedClock(Date.parse('2026-12-07T15:00:00Z')), account: { name: 'Acme Coffee', address: '1 Main St' } });
    host.publish([{ ir, version: 1 }]);
    const app = await buildApp({ host, token: 'double-opt-in-token-0123456789', consent: { secret: SECRET } });

    const post = await app.inject({ method: 'POST', url: '/forms/signup', payload: { email: 'ada@example.test' } });
    expect(post.statusCode).toBe(202);
    const [contact] = await host.listContacts();
    expect(contact.emailStatus).toBe('non-marketable');
    expect(await host.enrollments(contact.id)).toEqual([]);
    const outbox = await host.listOutbox({ contactId: contact.id });
    expect(outbox).toHaveLength(1);
    const effect = outbox[0].effect as EmailEffect;
    expect(effect.category).toBe('transactional');

    const message = emailMessage(effect, { defaultFrom: 'a@acme.test', consentLinks: consentLinks({ baseUrl: 'https://nudge.acme.test', secret: SECRET }) });
    expect((message.headers as Record<string, string>)['List-Unsubscribe']).toBeUndefined();
    const link = /href="https:\/\/nudge\.acme\.test(\/c\/[A-Za-z0-9_-]+)"/.exec(String(message.html))![1];

    const page = await app.inject({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post">');
    expect((await host.contact(contact.id))?.emailStatus).toBe('non-marketable');
    expect((await app.inject({ method: 'POST', url: `${link}x`, payload: 'confirm=yes', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(404);

    const confirm = await app.inject({ method: 'POST', url: link, payload: 'confirm=yes', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(confirm.statusCode).toBe(200);
    expect((await host.contact(contact.id))?.emailStatus).toBe('confirmed');
    expect((await host.enrollments(contact.id)).map((e) => e.sequenceId)).toEqual(['welcome']);
    expect(await host.listOutbox({ contactId: contact.id })).toHaveLength(2); // the welcome email, now marketable

    const again = await app.inject({ method: 'POST', url: link, payload: 'confirm=yes', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.statusCode).toBe(200);
    expect(await host.listOutbox({ contactId: contact.id })).toHaveLength(2);
    await app.close();
    await store.close();
  });
});
