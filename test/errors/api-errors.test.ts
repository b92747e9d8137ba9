// Every table code a request can reach, answered by a real app: the table's status and { code, message }.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorTable, type ErrorCode } from '../../errors/error-table';
import { WallClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { buildApp } from '../../runtime/server/app';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { AUTH, openApp, TOKEN } from '../server/helpers';
import { templatePattern } from './sample-errors';

type App = Awaited<ReturnType<typeof openApp>>;
type Answer = { statusCode: number; json(): { code: string; message: string } };

const json = { ...AUTH, 'content-type': 'application/json' };

/** A request that fails with each code (given an app on the server helpers' published sequences). */
const REQUESTS: Partial<Record<ErrorCode, (o: App) => Promise<Answer>>> = {
  NUDGE_ERR_VALIDATION: ({ app }) => app.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'c1', tags: [1] } }),
  NUDGE_ERR_INVALID_JSON: ({ app }) => app.inject({ method: 'POST', url: '/contacts', headers: json, payload: '{"id": ' }),
  NUDGE_ERR_UNSUPPORTED_MEDIA_TYPE: ({ app }) => app.inject({ method: 'POST', url: '/contacts', headers: { ...AUTH, 'content-type': 'text/csv' }, payload: 'id\nc1' }),
  NUDGE_ERR_BAD_REQUEST: ({ app }) => app.inject({ method: 'GET', url: '/contacts/%E0%A4%A', headers: AUTH }),
  NUDGE_ERR_UNAUTHORIZED: ({ app }) => app.inject({ method: 'GET', url: '/contacts' }),
  NUDGE_ERR_NOT_FOUND: ({ app }) => app.inject({ method: 'GET', url: '/no-such-route', headers: AUTH }),
  NUDGE_ERR_UNKNOWN_CONTACT: ({ app }) => app.inject({ method: 'GET', url: '/contacts/nobody', headers: AUTH }),
  NUDGE_ERR_UNKNOWN_SEQUENCE: ({ app }) => app.inject({ method: 'GET', url: '/sequences/no-such-sequence', headers: AUTH }),
  NUDGE_ERR_UNKNOWN_FORM: ({ app }) => app.inject({ method: 'POST', url: '/forms/nobody-uses-this', payload: { email: 'x@example.test' } }),
  NUDGE_ERR_CONTACT_EXISTS: async ({ app }) => {
    await app.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'twice' } });
    return app.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'twice' } });
  },
  NUDGE_ERR_CLOCK_NOT_SIMULATED: async () => {
    const store = await LowdbStore.open(join(mkdtempSync(join(tmpdir(), 'nudge-errors-')), 'store.json'));
    const host = await RuntimeHost.create({ store, clock: new WallClock(), accountZone: 'UTC' });
    const app = await buildApp({ host, token: TOKEN });
    try {
      return await app.inject({ method: 'POST', url: '/clock/advance', headers: AUTH, payload: { ms: 1000 } });
    } finally {
      await app.close();
      await store.close();
    }
  },
  NUDGE_ERR_CLOCK_BACKWARDS: ({ app }) => app.inject({ method: 'POST', url: '/clock/advance', headers: AUTH, payload: { to: '2000-01-01T00:00:00Z' } }),
  NUDGE_ERR_INTERNAL: ({ app, store }) => {
    store.listContacts = async () => { throw new Error('disk on fire'); };
    return app.inject({ method: 'GET', url: '/contacts', headers: AUTH });
  },
};

let opened: App | undefined;
afterEach(async () => { await opened?.app.close(); opened = undefined; });

describe.each(Object.keys(REQUESTS) as ErrorCode[])('%s through the API', (code) => {
  it('answers the status of the table and { code, message } of its template', async () => {
    opened = await openApp();
    const res = await REQUESTS[code]!(opened);
    expect(res.statusCode).toBe(errorTable[code].status);
    expect(res.json()).toMatchObject({ code, message: expect.stringMatching(templatePattern(code)) });
  });
});

describe('NUDGE_ERR_BODY_TOO_LARGE through the API', () => {
  it('answers the status of the table and its message', async () => {
    opened = await openApp({ bodyLimit: 1024 });
    const res = await opened.app.inject({ method: 'POST', url: '/contacts', headers: AUTH, payload: { id: 'c1', firstName: 'x'.repeat(2000) } });
    expect(res.statusCode).toBe(errorTable.NUDGE_ERR_BODY_TOO_LARGE.status);
    expect(res.json()).toEqual({ code: 'NUDGE_ERR_BODY_TOO_LARGE', message: errorTable.NUDGE_ERR_BODY_TOO_LARGE.message });
  });
});
