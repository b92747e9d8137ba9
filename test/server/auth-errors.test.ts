import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, openApp } from './helpers';

let close: (() => Promise<unknown>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

async function app(options?: { bodyLimit?: number }) {
  const opened = await openApp(options);
  close = () => opened.app.close();
  return opened;
}

describe('auth', () => {
  it('refuses a route without a token, or with a wrong one, with a coded 401', async () => {
    const { app: a } = await app();
    const none = await a.inject({ method: 'GET', url: '/contacts' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'NUDGE_ERR_UNAUTHORIZED' });
    const wrong = await a.inject({ method: 'GET', url: '/contacts', headers: { authorization: 'Bearer nope-nope-nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    const basic = await a.inject({ method: 'GET', url: '/contacts', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.statusCode).toBe(401);
    expect((await a.inject({ method: 'GET', url: '/contacts', headers: AUTH })).statusCode).toBe(200);
  });

  it('refuses before reading the body, and hides unknown routes behind the token too', async () => {
    const { app: a } = await app();
    const post = await a.inject({ method: 'POST', url: '/contacts', payload: '{not json' , headers: { 'content-type': 'application/json' } });
    expect(post.statusCode).toBe(401);
    expect((await a.inject({ method: 'GET', url: '/secret-route' })).statusCode).toBe(401);
    const known = await a.inject({ method: 'GET', url: '/secret-route', headers: AUTH });
    expect(known.statusCode).toBe(404);
    expect(known.json().code).toBe('NUDGE_ERR_NOT_FOUND');
  });

  it('leaves health, form submission and tracked links open', async () => {
    const { app: a } = await app();
    const health = await a.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok', clock: 'simulated', sequences: 2 });
    const form = await a.inject({ method: 'POST', url: '/forms/signup', payload: { email: 'ann@example.test' } });
    expect(form.statusCode).toBe(202);
    const link = await a.inject({ method: 'GET', url: '/l/abc123' });
    expect(link.statusCode).toBe(404);
    expect(link.json().code).toBe('NUDGE_ERR_NOT_FOUND');
  });
});

describe('errors', () => {
  it('rejects unknown properties with NUDGE_ERR_VALIDATION naming the property', async () => {
    const { app: a } = await app();
    const res = await a.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'c1', emial: 'x@example.test' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('NUDGE_ERR_VALIDATION');
    expect(body.message).toContain('"emial"');
    expect(body.details[0]).toMatchObject({ where: 'body', path: 'body' });
    const form = await a.inject({ method: 'POST', url: '/forms/signup', payload: { email: 'a@example.test', admin: true } });
    expect(form.statusCode).toBe(400);
    expect(form.json().code).toBe('NUDGE_ERR_VALIDATION');
  });

  it('says where a wrong value is: query strings, params and values the engine would misread', async () => {
    const { app: a } = await app();
    const q = await a.inject({ method: 'GET', url: '/contacts?limit=5000', headers: AUTH });
    expect(q.statusCode).toBe(400);
    expect(q.json().details[0]).toMatchObject({ where: 'querystring', path: 'querystring.limit' });
    const zone = await a.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'c1', timezone: 'America/New_Yrok' } });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().message).toMatch(/timezone/);
    const tags = await a.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'c1', tags: [1] } });
    expect(tags.json().details[0].path).toBe('body.tags[0]');
  });

  it('answers 413 with a code when the body is over the limit', async () => {
    const { app: a } = await app({ bodyLimit: 1024 });
    const res = await a.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'c1', firstName: 'x'.repeat(2000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('NUDGE_ERR_BODY_TOO_LARGE');
  });

  it('answers malformed JSON with a code, and an internal failure without a stack', async () => {
    const { app: a, store } = await app();
    const bad = await a.inject({ method: 'POST', url: '/contacts', headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"id": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('NUDGE_ERR_INVALID_JSON');
    // A store that fails underneath: the client learns nothing of the internals.
    store.listContacts = async () => { throw new Error('disk on fire at /secret/path.json'); };
    const res = await a.inject({ method: 'GET', url: '/contacts', headers: AUTH });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('NUDGE_ERR_INTERNAL');
    expect(res.body).not.toMatch(/secret|disk on fire|at .*\.ts:\d+/);
  });
});
