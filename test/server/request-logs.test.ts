// Which requests `nudge serve` logs at its default level (info): every route
// gets Fastify's two request lines, except the goal and event routes, which
// are the most frequent and log only problems; at debug they log like the rest.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { buildApp } from '../../runtime/server/app';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { AUTH, START, TOKEN } from './helpers';

async function appLogging(level: string) {
  const lines: Array<{ msg: string; level: number; req?: { url: string }; reqId?: string }> = [];
  const store = await LowdbStore.open(join(mkdtempSync(join(tmpdir(), 'nudge-logs-')), 'store.json'));
  await store.commit({ contacts: [{ id: 'c1', email: 'ann@example.test' }] });
  const host = await RuntimeHost.create({ store, clock: new SimulatedClock(START), accountZone: 'UTC' });
  const app = await buildApp({ host, token: TOKEN, logger: { level, stream: { write: (line: string) => lines.push(JSON.parse(line)) } } });
  return { app, lines, store };
}

describe('request logging', () => {
  it('at info: goal and event routes log no request lines, other routes do, errors still log', async () => {
    const { app, lines, store } = await appLogging('info');
    const event = await app.inject({ method: 'POST', url: '/events/signup', headers: AUTH, payload: { contactId: 'c1' } });
    expect(event.statusCode).toBe(200);
    expect(lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toEqual([]);
    await app.inject({ method: 'GET', url: '/contacts/c1', headers: AUTH });
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    // A failure on a quiet route is still logged (the store refuses changes once closed).
    await store.close();
    lines.length = 0;
    const failed = await app.inject({ method: 'POST', url: '/goals/api/bought', headers: AUTH, payload: { contactId: 'c1' } });
    expect(failed.statusCode).toBe(500);
    expect(lines.some((l) => l.level >= 50 && l.msg === 'request failed')).toBe(true);
    await app.close();
  });

  it('at debug: goal routes log their requests like every other route', async () => {
    const { app, lines, store } = await appLogging('debug');
    await app.inject({ method: 'POST', url: '/purchases', headers: AUTH, payload: { contactId: 'c1', product: 'beans' } });
    expect(lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toHaveLength(2);
    await app.close();
    await store.close();
  });
});
