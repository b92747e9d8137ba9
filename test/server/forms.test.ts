// Public web forms: only what the form declares, never a takeover of an
// existing contact, custom fields declared and bounded, one address per email.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defineContact, defineForm, formSubmitted, sequence, start, tagApplied } from 'nudge';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { buildApp } from '../../runtime/server/app';
import { AUTH, START, TOKEN } from './helpers';

const contact = defineContact({ favouriteRoast: { type: 'string', maxLength: 40 }, note: 'string', loyaltyPoints: 'number' });
const signup = contact.form('signup', {
  fields: { firstName: { maxLength: 50 }, lastName: true, phone: true, address: true, favouriteRoast: true, note: true },
  tags: ['Newsletter'],
  updatable: ['favouriteRoast'],
});
const welcome = sequence('welcome', {
  name: 'Welcome',
  startOn: formSubmitted(signup),
  paths: [contact.start().email({ id: 'email-hi', subject: 'Hi ~Contact.FirstName|there~', body: 'Welcome.' })],
});
const vip = sequence('vip', {
  name: 'VIP',
  startOn: tagApplied('VIP'),
  paths: [start().email({ id: 'email-vip', subject: 'VIP', body: 'You are a VIP.' })],
});
const plain = sequence('plain', {
  name: 'Plain form',
  startOn: formSubmitted('plain'),
  paths: [start().applyTag('Plain')],
});

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => { for (const o of opened.splice(0)) await o.close(); });

async function app() {
  const dir = mkdtempSync(join(tmpdir(), 'nudge-forms-'));
  const store = await LowdbStore.open(join(dir, 'store.json'));
  const host = await RuntimeHost.create({ store, clock: new SimulatedClock(START), accountZone: 'UTC' });
  host.publish([{ ir: welcome, version: 1 }, { ir: vip, version: 1 }, { ir: plain, version: 1 }]);
  const a = await buildApp({ host, token: TOKEN });
  opened.push({ close: async () => { await a.close(); await store.close(); } });
  const form = (id: string, payload: unknown) => a.inject({ method: 'POST', url: `/forms/${id}`, payload: payload as object });
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => a.inject({ method, url, headers: AUTH, payload: payload as object });
  return { a, host, store, form, call };
}

const ANN = {
  id: 'c-ann', email: 'ann@example.test', firstName: 'Ann', lastName: 'Lee', phone: '555-0100',
  address: { street: '1 Main St', city: 'Springfield', postalCode: '12345' }, card: { last4: '4242', decline: false },
  custom: { favouriteRoast: 'Dark', note: 'VIP since 2019' }, tags: ['Customer'],
};

describe('POST /forms/:formId against an existing contact', () => {
  it('a hostile post with her email (any case) keeps her name, phone, address, card, custom fields and tags', async () => {
    const { form, call } = await app();
    expect((await call('POST', '/contacts', ANN)).statusCode).toBe(201);
    const before = (await call('GET', '/contacts/c-ann')).json();

    // Fields the form accepts, but Ann has them: not overwritten (favouriteRoast is updatable).
    const res = await form('signup', {
      email: 'ANN@Example.TEST', firstName: 'Mallory', lastName: 'Evil', phone: '555-6666',
      address: { street: '666 Evil Rd', city: 'Nowhere', country: 'XX' }, custom: { note: 'owned', favouriteRoast: 'Light' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const after = (await call('GET', '/contacts/c-ann')).json();
    expect(after).toMatchObject({
      email: 'ann@example.test', firstName: 'Ann', lastName: 'Lee', phone: '555-0100', card: { last4: '4242', decline: false },
      address: { street: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'XX' }, note: 'VIP since 2019', favouriteRoast: 'Light',
    });
    expect(after.tags).toEqual(['Customer']);
    expect((await call('GET', '/contacts')).json().total).toBe(1);

    // What the form does not declare is refused whole, with a one-line 400.
    for (const [payload, code] of [
      [{ email: 'ann@example.test', company: 'Evil Corp' }, 'NUDGE_ERR_FORM_FIELD'],
      [{ email: 'ann@example.test', custom: { loyaltyPoints: 1 } }, 'NUDGE_ERR_FORM_FIELD'],
      [{ email: 'ann@example.test', tags: ['VIP'] }, 'NUDGE_ERR_FORM_TAG'],
      [{ email: 'ann@example.test', card: { decline: true } }, 'NUDGE_ERR_VALIDATION'],
      [{ email: 'ann@example.test', ownerId: 'u-evil' }, 'NUDGE_ERR_VALIDATION'],
      [{ email: 'ann@example.test', firstName: 'x'.repeat(51) }, 'NUDGE_ERR_FORM_VALUE'],
    ] as const) {
      const refused = await form('signup', payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().code).toBe(code);
      expect(refused.json().message).not.toMatch(/\n/);
    }
    const last = (await call('GET', '/contacts/c-ann')).json();
    expect(last).toEqual({ ...after });
    expect(last.card).toEqual(before.card);
    // No VIP enrollment came from the form.
    expect((await call('GET', '/contacts/c-ann/enrollments')).json().map((e: { sequenceId: string }) => e.sequenceId)).not.toContain('vip');
  });

  it('applies a declared tag, and a new address creates a contact with the posted fields', async () => {
    const { form, call } = await app();
    expect((await form('signup', { email: 'Bo@Example.test', firstName: 'Bo', tags: ['Newsletter'], custom: { favouriteRoast: 'Medium' } })).statusCode).toBe(202);
    const [bo] = (await call('GET', '/contacts')).json().contacts;
    expect(bo).toMatchObject({ email: 'Bo@Example.test', firstName: 'Bo', favouriteRoast: 'Medium', tags: ['Newsletter'] });
  });

  it('an undeclared form takes email, firstName and lastName only, and no tags', async () => {
    const { form, call } = await app();
    expect((await form('plain', { email: 'cy@example.test', firstName: 'Cy', lastName: 'Ng' })).statusCode).toBe(202);
    expect((await form('plain', { email: 'cy@example.test', phone: '1' })).json().code).toBe('NUDGE_ERR_FORM_FIELD');
    expect((await form('plain', { email: 'cy@example.test', tags: ['VIP'] })).json().code).toBe('NUDGE_ERR_FORM_TAG');
    expect((await form('plain', { email: 'CY@example.test', firstName: 'Mallory' })).statusCode).toBe(202);
    expect((await call('GET', '/contacts')).json()).toMatchObject({ total: 1, contacts: [{ firstName: 'Cy', lastName: 'Ng', tags: ['Plain'] }] });
  });

  it('two concurrent posts of one new address make one contact', async () => {
    const { form, call } = await app();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => form('signup', { email: i % 2 ? 'dee@example.test' : 'DEE@example.test', firstName: 'Dee' })));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(202));
    expect((await call('GET', '/contacts')).json().total).toBe(1);
  });
});

describe('email addresses, parsed once and strictly', () => {
  it.each(['<evil@x.y>a', 'a@x.test, b@y.test', 'Ann <ann@x.test>', 'a(comment)@x.test', '"a b"@x.test', 'a@[127.0.0.1]', 'ann@x.test\r\nBcc: b@y.test', 'a@@x'])(
    '%j is refused by the form and the API', async (email) => {
      const { form, call } = await app();
      const f = await form('signup', { email });
      expect(f.statusCode).toBe(400);
      const c = await call('POST', '/contacts', { email });
      expect(c.statusCode).toBe(400);
      expect((await call('POST', '/contacts', { id: 'c1', email: 'ok@example.test' })).statusCode).toBe(201);
      expect((await call('PATCH', '/contacts/c1', { email })).statusCode).toBe(400);
      expect((await call('GET', '/contacts')).json().total).toBe(1);
    });
});

describe('custom fields: declared, typed and bounded on every route', () => {
  it('custom.email = "a@x, b@evil, c@evil" is refused and never becomes recipients', async () => {
    const { call, host } = await app();
    await call('POST', '/contacts', { id: 'c1', email: 'ann@example.test' });
    const patch = await call('PATCH', '/contacts/c1', { custom: { email: 'a@x.test, b@evil.test, c@evil.test' } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().code).toBe('NUDGE_ERR_UNKNOWN_CUSTOM_FIELD');
    const post = await call('POST', '/contacts', { id: 'c2', custom: { email: 'a@x.test, b@evil.test' }, tags: ['VIP'] });
    expect(post.statusCode).toBe(400);
    expect((await host.contact('c1'))!.email).toBe('ann@example.test');
    await call('POST', '/contacts/c1/tags', { tags: ['VIP'] });
    const outbox = await host.listOutbox();
    expect(outbox.length).toBeGreaterThan(0);
    for (const item of outbox) expect((item.effect as { to: string[] }).to).toEqual(['ann@example.test']);
  });

  it('a 90,000-character custom value is refused by the form and the API', async () => {
    const { form, call } = await app();
    const big = 'x'.repeat(90_000);
    const f = await form('signup', { email: 'big@example.test', custom: { note: big } });
    expect([400, 413]).toContain(f.statusCode);
    expect((await call('POST', '/contacts', { id: 'c1', custom: { note: big } })).statusCode).toBe(400);
    expect((await call('POST', '/contacts', { id: 'c1', custom: { favouriteRoast: 'x'.repeat(41) } })).json().code).toBe('NUDGE_ERR_CUSTOM_FIELD_VALUE');
    expect((await call('POST', '/contacts', { id: 'c1', custom: { loyaltyPoints: 'many' } })).json().code).toBe('NUDGE_ERR_CUSTOM_FIELD_VALUE');
    expect((await call('GET', '/contacts')).json().total).toBe(0);
  });

  it('20 posts with new custom keys do not grow the contact', async () => {
    const { form, call } = await app();
    await call('POST', '/contacts', { id: 'c1', email: 'ann@example.test', custom: { note: 'n' } });
    const size = JSON.stringify((await call('GET', '/contacts/c1')).json()).length;
    for (let i = 0; i < 20; i++) {
      const junk = { [`k${i}`]: 'y'.repeat(5000) };
      expect((await form('signup', { email: 'ann@example.test', custom: junk })).statusCode).toBe(400);
      expect((await call('PATCH', '/contacts/c1', { custom: junk })).statusCode).toBe(400);
    }
    expect(JSON.stringify((await call('GET', '/contacts/c1')).json()).length).toBe(size);
  });
});
