import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, openApp } from './helpers';

let close: (() => Promise<unknown>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

async function app() {
  const opened = await openApp();
  close = () => opened.app.close();
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    opened.app.inject({ method, url, headers: AUTH, payload });
  return { ...opened, call };
}

describe('contacts', () => {
  it('creates, reads, updates, lists and deletes a contact', async () => {
    const { call } = await app();
    const created = await call('POST', '/contacts', { id: 'c1', email: 'ann@example.test', firstName: 'Ann', custom: { shoeSize: 41 } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'c1', firstName: 'Ann', shoeSize: 41 });
    expect((await call('POST', '/contacts', { id: 'c1' })).json().code).toBe('NUDGE_ERR_CONTACT_EXISTS');

    const patched = await call('PATCH', '/contacts/c1', { lastName: 'Lee', firstName: null });
    expect(patched.json()).toMatchObject({ id: 'c1', lastName: 'Lee', firstName: null });
    expect((await call('GET', '/contacts/c1')).json().lastName).toBe('Lee');
    expect((await call('GET', '/contacts')).json()).toMatchObject({ total: 1, contacts: [{ id: 'c1' }] });

    expect((await call('DELETE', '/contacts/c1')).statusCode).toBe(204);
    const gone = await call('GET', '/contacts/c1');
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('NUDGE_ERR_UNKNOWN_CONTACT');
    expect((await call('PATCH', '/contacts/c1', { lastName: 'X' })).statusCode).toBe(404);
  });

  it('fires tagApplied when tags are applied, and removes a tag without firing anything', async () => {
    const { call, host } = await app();
    await call('POST', '/contacts', { id: 'c1', firstName: 'Ann' });
    const tagged = await call('POST', '/contacts/c1/tags', { tags: ['VIP'] });
    expect(tagged.statusCode).toBe(200);
    expect(tagged.json().tags).toEqual(['VIP']);
    const enrollments = (await call('GET', '/contacts/c1/enrollments')).json();
    expect(enrollments).toMatchObject([{ sequenceId: 'vip', status: 'active' }]);
    const tasks = (await call('GET', '/tasks?userId=u1')).json();
    expect(tasks).toMatchObject([{ contactId: 'c1', title: 'Call Ann' }]);
    const done = await call('PATCH', `/tasks/${tasks[0].id}`, { completed: true });
    expect(done.json().completedAt).toBe(host.clock.now());
    expect((await call('PATCH', '/tasks/nope', { completed: true })).json().code).toBe('NUDGE_ERR_NOT_FOUND');

    const untagged = await call('DELETE', '/contacts/c1/tags/VIP');
    expect(untagged.json().tags).toEqual([]);
    expect((await call('GET', '/contacts/c1/enrollments')).json()).toHaveLength(1);
  });
});

describe('goals and sequences', () => {
  it('a form submission creates the contact and starts the sequence: first email done, in the outbox', async () => {
    const { app: a, call } = await app();
    const res = await a.inject({ method: 'POST', url: '/forms/signup', payload: 'email=bo%40example.test&firstName=Bo', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(202);
    const [contact] = (await call('GET', '/contacts')).json().contacts;
    expect(contact).toMatchObject({ email: 'bo@example.test', firstName: 'Bo' });
    const history = (await call('GET', `/contacts/${contact.id}/history`)).json();
    expect(history).toMatchObject([{ sequence: 'welcome', step: 'email-hi', status: 'done', time: '2026-12-07T15:00:00.000Z' }]);
    const outbox = (await call('GET', '/outbox?status=pending')).json();
    expect(outbox).toHaveLength(1);
    expect(outbox[0].effect).toMatchObject({ type: 'email', to: ['bo@example.test'], subject: 'Hi Bo' });

    // The same email again updates that contact, it does not create another.
    await a.inject({ method: 'POST', url: '/forms/signup', payload: { email: 'BO@example.test', lastName: 'Ng' } });
    expect((await call('GET', '/contacts')).json()).toMatchObject({ total: 1, contacts: [{ lastName: 'Ng' }] });
    expect((await a.inject({ method: 'POST', url: '/forms/nobody-uses-this', payload: { email: 'x@example.test' } })).json().code)
      .toBe('NUDGE_ERR_UNKNOWN_FORM');
  });

  it('advancing the simulated clock runs the due timers and says what ran', async () => {
    const { call } = await app();
    await call('POST', '/contacts', { id: 'c1', email: 'ann@example.test', firstName: 'Ann' });
    await call('POST', '/sequences/welcome/contacts', { contactId: 'c1' });
    expect((await call('GET', '/clock')).json()).toEqual({ kind: 'simulated', now: '2026-12-07T15:00:00.000Z' });
    const res = await call('POST', '/clock/advance', { to: '2026-12-10T00:00:00Z' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ now: '2026-12-10T00:00:00.000Z', contactInstants: 1, truncated: false });
    expect(res.json().steps.map((s: { step: string; time: string }) => `${s.time} ${s.step}`)).toEqual([
      '2026-12-09T15:00:00.000Z wait-2d',
      '2026-12-09T15:00:00.000Z email-day-two',
    ]);
    expect((await call('GET', '/outbox?contactId=c1')).json()).toHaveLength(2);
    expect((await call('POST', '/clock/advance', { to: '2026-01-01T00:00:00Z' })).json().code).toBe('NUDGE_ERR_CLOCK_BACKWARDS');
    expect((await call('POST', '/clock/advance', { ms: 1, to: '2027-01-01T00:00:00Z' })).statusCode).toBe(400);
  });

  it('lists sequences with per-step active, queued and done counts', async () => {
    const { call } = await app();
    for (const id of ['c1', 'c2', 'c3']) await call('POST', '/contacts', { id, email: `${id}@example.test` });
    await call('POST', '/contacts/c1/tags', { tags: ['VIP'] });
    await call('POST', '/contacts/c2/tags', { tags: ['VIP'] });
    await call('POST', '/clock/advance', { ms: 3_600_000 }); // both finish: tag applied an hour later
    await call('POST', '/contacts/c3/tags', { tags: ['VIP'] }); // c3 waits on the delay
    const list = (await call('GET', '/sequences')).json();
    expect(list.map((s: { id: string }) => s.id)).toEqual(['vip', 'welcome']);
    const vip = list[0];
    expect(vip).toMatchObject({ id: 'vip', name: 'VIP gift', version: 1, contacts: { active: 1, completed: 2 } });
    const counts = Object.fromEntries(vip.steps.map((s: { stepId: string; active: number; queued: number; done: number }) => [s.stepId, [s.active, s.queued, s.done]]));
    expect(counts).toEqual({ 'fulfil-gift-box': [0, 0, 3], 'task-call': [0, 0, 3], 'wait-1h': [0, 1, 2], 'tag-gifted': [0, 0, 2] });

    const one = (await call('GET', '/sequences/vip')).json();
    expect(one.version).toBe(1);
    expect(one.ir.paths[0].steps).toHaveLength(4);
    expect((await call('GET', '/sequences/nope')).json().code).toBe('NUDGE_ERR_UNKNOWN_SEQUENCE');
    const removed = (await call('DELETE', '/sequences/vip/contacts/c3')).json();
    expect(removed).toMatchObject({ changed: true, enrollment: { status: 'removed' } });
  });

  it('API goals, events and purchases reach the engine; unknown contacts are a coded 404', async () => {
    const { call } = await app();
    await call('POST', '/contacts', { id: 'c1' });
    for (const [url, body] of [['/goals/api/qualified', { contactId: 'c1' }], ['/events/webinar', { contactId: 'c1' }], ['/purchases', { contactId: 'c1', product: 'kit' }]] as const) {
      const res = await call('POST', url, body);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ contactId: 'c1', errors: [] });
      expect((await call('POST', url, { ...body, contactId: 'ghost' })).json().code).toBe('NUDGE_ERR_UNKNOWN_CONTACT');
    }
  });

  it('serves a fulfillment list as CSV', async () => {
    const { call } = await app();
    await call('POST', '/contacts', { id: 'c1', firstName: 'Ann', lastName: 'Lee, Jr.', address: { street: '1 Main St', city: 'Boston' } });
    await call('POST', '/contacts/c1/tags', { tags: ['VIP'] });
    const res = await call('GET', '/fulfillment/gift-box.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body.split('\r\n')).toEqual([
      'contact id,first name,last name,email,street,city,state,postal code,country,added at',
      'c1,Ann,"Lee, Jr.",,1 Main St,Boston,,,,2026-12-07T15:00:00.000Z',
      '',
    ]);
  });
});

describe('OpenAPI', () => {
  it('lists every route, with the bearer scheme and the public routes marked open', async () => {
    const { call } = await app();
    const doc = (await call('GET', '/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    for (const r of ['GET /health', 'GET /sequences', 'GET /sequences/{id}', 'POST /contacts', 'PATCH /contacts/{id}', 'DELETE /contacts/{id}/tags/{tag}',
      'POST /forms/{formId}', 'POST /goals/api/{name}', 'POST /events/{name}', 'POST /purchases', 'POST /sequences/{id}/contacts',
      'DELETE /sequences/{id}/contacts/{contactId}', 'GET /tasks', 'PATCH /tasks/{id}', 'GET /appointments', 'GET /opportunities', 'GET /orders',
      'GET /notes', 'GET /outbox', 'GET /clock', 'POST /clock/advance', 'GET /l/{token}']) {
      expect(routes).toContain(r);
    }
    expect(routes.some((r) => r.startsWith('GET /fulfillment/'))).toBe(true);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/contacts'].get.security).toBeUndefined();
  });
});
