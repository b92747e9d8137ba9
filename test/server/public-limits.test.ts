// Public routes under load from one address, and clients that send slowly:
// a real listening server, real sockets from two loopback addresses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { MemoryStore } from '../../runtime/store/memory-store';
import { buildApp, type BuildAppOptions } from '../../runtime/server/app';
import { readConfig } from '../../runtime/server/config';
import { START, TOKEN, welcome } from './helpers';

const apps: FastifyInstance[] = [];
afterEach(async () => { for (const a of apps.splice(0)) await a.close(); });

async function listen(options: Partial<BuildAppOptions>) {
  const host = await RuntimeHost.create({ store: new MemoryStore(), clock: new SimulatedClock(START), accountZone: 'UTC' });
  host.publish([{ ir: welcome, version: 1 }]);
  const app = await buildApp({ host, token: TOKEN, ...options });
  apps.push(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as { port: number }).port;
}

function send(port: number, path: string, opts: { from?: string; body?: unknown; method?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request({
      host: '127.0.0.1', port, path, method: opts.method ?? (body ? 'POST' : 'GET'), localAddress: opts.from ?? '127.0.0.1',
      headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}, agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('public routes: per-IP rate limit', () => {
  it('over the limit one address gets 429 with the error code, while another address, /health and token routes still answer', async () => {
    const port = await listen({ rateLimit: { max: 5, windowMs: 60_000 } });
    const post = (from: string, i: number) => send(port, '/forms/signup', { from, body: { email: `p${i}@example.test`, firstName: 'P' } });
    const first = [];
    for (let i = 0; i < 5; i++) first.push((await post('127.0.0.1', i)).status);
    expect(first).toEqual([202, 202, 202, 202, 202]);
    const over = await post('127.0.0.1', 99);
    expect(over.status).toBe(429);
    expect(JSON.parse(over.body)).toMatchObject({ code: 'NUDGE_ERR_RATE_LIMITED' });
    expect((await send(port, '/l/whatever')).status).toBe(429);
    expect((await post('127.0.0.2', 100)).status).toBe(202);
    for (let i = 0; i < 20; i++) expect((await send(port, '/health')).status).toBe(200);
    const api = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/contacts', headers: { authorization: `Bearer ${TOKEN}` }, agent: false }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.end();
    });
    expect(api).toBe(200);
  });
});

describe('timeouts', () => {
  it('a slow upload is cut off before it ends', async () => {
    const port = await listen({ timeouts: { requestMs: 1000, headersMs: 500 }, rateLimit: false });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((ok) => socket.once('connect', () => ok()));
    socket.write('POST /forms/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"email":"');
    let sent = 0;
    let answer = '';
    socket.on('data', (c: Buffer) => { answer += c.toString('utf8'); });
    const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
    socket.on('error', () => undefined);
    // 1 byte every 100 ms would take close to three hours to finish.
    const drip = setInterval(() => { if (!socket.destroyed) { socket.write('a'); sent += 1; } }, 100);
    await closed;
    clearInterval(drip);
    expect(sent).toBeLessThan(100_000);
    if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it('headers that never finish are cut off', async () => {
    const port = await listen({ timeouts: { requestMs: 2000, headersMs: 500 }, rateLimit: false });
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((ok) => socket.once('connect', () => ok()));
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => { if (!socket.destroyed) socket.write('X-Slow: 1\r\n'); }, 100);
    await new Promise<void>((ok) => socket.once('close', () => ok()));
    clearInterval(drip);
    expect(socket.destroyed).toBe(true);
  }, 30_000);
});

describe('nudge.config.json limits', () => {
  const configWith = (extra: object) => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-limits-'));
    writeFileSync(join(dir, 'nudge.config.json'), JSON.stringify(extra));
    return () => readConfig(join(dir, 'nudge.config.json')).config;
  };
  it('takes rateLimit, timeouts and bodyLimit, and names a bad one', () => {
    expect(configWith({ rateLimit: { max: 30, windowMs: 60_000 }, timeouts: { requestMs: 5000, headersMs: 2000 }, bodyLimit: 65536 })())
      .toMatchObject({ rateLimit: { max: 30, windowMs: 60_000 }, timeouts: { requestMs: 5000, headersMs: 2000 }, bodyLimit: 65536 });
    expect(configWith({ rateLimit: false })().rateLimit).toBe(false);
    expect(configWith({ rateLimit: { max: 0, windowMs: 60_000 } })).toThrow(/NUDGE_ERR_CONFIG|rateLimit/);
    expect(configWith({ timeouts: { requestSeconds: 5 } })).toThrow(/timeouts/);
  });
});
