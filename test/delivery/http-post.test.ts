import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryWorker } from '../../runtime/delivery/delivery-worker';
import { HttpPostTransport } from '../../runtime/delivery/http-post-transport';
import { createTransports } from '../../runtime/delivery/create-transports';
import { parseRetryAfter } from '../../runtime/delivery/http-post-transport';
import { FakeClock, freePort, openStore, pending, postEffect, startReceiver, tempDir } from './helpers';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function receiver(answers: Array<number | null> = [200]) {
  const r = await startReceiver(answers);
  cleanups.push(r.close);
  return r;
}

async function workerFor(url: string, options: ConstructorParameters<typeof HttpPostTransport>[0], over = {}) {
  const { store } = await openStore();
  const clock = new FakeClock();
  await store.commit({ outbox: [pending(postEffect(url, over))] });
  const transports = { ...createTransports({ outboxDir: tempDir(), defaultFrom: 'a@b.test' }), httpPost: new HttpPostTransport(options) };
  return { store, clock, worker: new DeliveryWorker({ store, clock, transports }) };
}

describe('HTTP Post (a real receiver on 127.0.0.1)', () => {
  it('posts form-encoded name/value pairs with the Idempotency-Key header', async () => {
    const r = await receiver();
    const { store, worker } = await workerFor(r.url, { allowPorts: [r.port] });
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(r.requests).toHaveLength(1);
    const [req] = r.requests;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers['idempotency-key']).toBe('welcome:v1:c1:post-1:1.1');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ email: 'ann@example.test', name: 'Ann & Bo' });
    expect((await store.listOutbox())[0].status).toBe('sent');
  });

  it('posts JSON when the step asks for it', async () => {
    const r = await receiver();
    await new HttpPostTransport({ allowPorts: [r.port] }).send(postEffect(r.url, { format: 'json' }));
    expect(r.requests[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.requests[0].body)).toEqual({ email: 'ann@example.test', name: 'Ann & Bo' });
  });

  it('500 then 200: retried after the backoff, exactly one successful delivery', async () => {
    const r = await receiver([500, 200]);
    const { store, clock, worker } = await workerFor(r.url, { allowPorts: [r.port] });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect((await store.listOutbox())[0].lastError).toBe(`HTTP Post to ${r.url} answered 500: status 500 from the receiver`);
    clock.advance(30_000);
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    clock.advance(86_400_000);
    await worker.runOnce();
    expect(r.requests).toHaveLength(2);
    expect(r.requests.map((q) => q.headers['idempotency-key'])).toEqual(['welcome:v1:c1:post-1:1.1', 'welcome:v1:c1:post-1:1.1']);
    expect((await store.listOutbox())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a 4xx fails at once (asking again will not help), but 408 and 429 are retried', async () => {
    for (const [status, outcome] of [[404, 'failed'], [422, 'failed'], [408, 'pending'], [429, 'pending'], [503, 'pending']] as const) {
      const r = await receiver([status]);
      const { store, worker } = await workerFor(r.url, { allowPorts: [r.port] });
      await worker.runOnce();
      expect([status, (await store.listOutbox())[0].status]).toEqual([status, outcome]);
    }
  });

  it('a receiver that does not answer times out and is retried', async () => {
    const r = await receiver([null, 200]);
    const { store, clock, worker } = await workerFor(r.url, { allowPorts: [r.port], timeoutMs: 150 });
    const started = Date.now();
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await store.listOutbox())[0].lastError).toBe(`HTTP Post to ${r.url} timed out after 150 ms`);
    clock.advance(30_000);
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
  });

  it('a refused connection is retried', async () => {
    const port = await freePort();
    const { store, worker } = await workerFor(`http://127.0.0.1:${port}/hook`, { allowPorts: [port] });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    expect((await store.listOutbox())[0].lastError).toMatch(/ECONNREFUSED/);
  });

  it('only ports 80 and 443 unless allowed: another port fails for good without a request', async () => {
    const r = await receiver();
    const { store, clock, worker } = await workerFor(r.url, {});
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    const [item] = await store.listOutbox();
    expect(item.status).toBe('failed');
    expect(item.lastError).toContain(`port ${r.port} of ${r.url} is not allowed (allowed: 80, 443)`);
    expect(item.lastError).toContain(`unless "allowPorts" in nudge.config.json lists ${r.port}`);
    clock.advance(86_400_000);
    await worker.runOnce();
    expect(r.requests).toHaveLength(0);
  });

  it('refuses what is not an http(s) URL, and does not follow redirects', async () => {
    const t = new HttpPostTransport();
    await expect(t.send(postEffect('ftp://example.test/x'))).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('not an http or https URL') });
    await expect(t.send(postEffect('not a url'))).rejects.toMatchObject({ permanent: true });
    const r = await receiver([302]);
    await expect(new HttpPostTransport({ allowPorts: [r.port] }).send(postEffect(r.url))).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('a redirect') });
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Fri, 04 Dec 2026 15:01:00 GMT', Date.parse('2026-12-04T15:00:00Z'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
