/** The OpenAPI document is public and every operation says in one line what it does. */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from './helpers';

let close: (() => Promise<unknown>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

describe('GET /docs/json', () => {
  it('needs no token, and every operation has a one-line summary', async () => {
    const { app } = await openApp();
    close = () => app.close();
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { summary?: string }>> };
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ route: `${m.toUpperCase()} ${p}`, summary: op.summary })));
    expect(operations.length).toBeGreaterThan(20);
    const missing = operations.filter((o) => typeof o.summary !== 'string' || o.summary.trim() === '' || o.summary.includes('\n') || o.summary.length > 80).map((o) => o.route);
    expect(missing).toEqual([]);
  });
});
