import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, openApp } from './helpers';

let close: (() => Promise<unknown>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

async function app() {
  const opened = await openApp();
  close = () => opened.app.close();
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    opened.app.inject({ method, url, headers: AUTH, payload });
  return { ...opened, call };
}

describe('consent routes', () => {
  it('records where a contact came from (API, form) and answers its status and ledger', async () => {
    const { call, host } = await app();
    await call('POST', '/contacts', { id: 'c1', email: 'ann@example.test' });
    const form = await call('POST', '/forms/signup', { email: 'bo@example.test' });
    expect(form.statusCode).toBe(202);
    const api = (await call('GET', '/contacts/c1/consent')).json();
    expect(api).toMatchObject({ status: 'unconfirmed', ledger: [{ event: 'created', status: 'unconfirmed', email: 'ann@example.test', source: { kind: 'api' } }] });
    expect(api.ledger[0].at).toBe('2026-12-07T15:00:00.000Z');
    const bo = (await host.listContacts()).find((c) => c.email === 'bo@example.test')!;
    const formLedger = (await call('GET', `/contacts/${bo.id}/consent`)).json().ledger;
    expect(formLedger).toMatchObject([{ event: 'created', source: { kind: 'form', id: 'signup' } }]);
    expect(typeof formLedger[0].source.ip).toBe('string');
    expect((await call('GET', '/contacts/nobody/consent')).json().code).toBe('NUDGE_ERR_UNKNOWN_CONTACT');
  });

  it('unsubscribes through the API once; an update can never set the status back; later marketing email is skipped', async () => {
    const { call, host } = await app();
    await call('POST', '/contacts', { id: 'c1', email: 'ann@example.test' });
    expect((await call('POST', '/contacts/c1/unsubscribe')).json()).toEqual({ changed: true });
    expect((await call('POST', '/contacts/c1/unsubscribe')).json()).toEqual({ changed: false });
    await call('PATCH', '/contacts/c1', { custom: { emailStatus: 'confirmed' } });
    expect((await call('GET', '/contacts/c1/consent')).json().status).toBe('unsubscribed');
    await host.apply('c1', { goals: [{ kind: 'formSubmitted', formId: 'signup' }] });
    const history = (await call('GET', '/contacts/c1/history')).json();
    expect(history.find((h: { step?: string }) => h.step === 'email-hi')).toMatchObject({ status: 'skipped', reason: 'not marketable: unsubscribed' });
  });
});
