/**
 * A request answered with an error has changed nothing. During a full
 * disk (the journal's writes fail with ENOSPC, injected where the store
 * opens its journal file: the edge of its world) form posts answer 500;
 * once space is back, none of them shows in the API, none is on disk after
 * a restart, and none of their emails is ever delivered.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formSubmitted, sequence, start } from 'nudge';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { buildApp } from '../../runtime/server/app';
import { DeliveryWorker, createTransports } from '../../runtime/delivery';
import { AUTH, START, TOKEN } from './helpers';

const twoEmails = sequence('two-emails', {
  name: 'Two emails',
  startOn: formSubmitted('signup'),
  paths: [start().email({ id: 'email-one', subject: 'One', body: 'First.' }).email({ id: 'email-two', subject: 'Two', body: 'Second.' })],
});

/** A disk that can fill up: while `full`, every write to the journal fails as ENOSPC does. */
function fillableDisk() {
  const disk = { full: false };
  const openJournal = async (path: string, flags: string, mode: number): Promise<FileHandle> => {
    const handle = await open(path, flags, mode);
    return new Proxy(handle, {
      get(target, name) {
        const value = Reflect.get(target, name, target) as unknown;
        if (name === 'write' && typeof value === 'function') {
          return (...args: unknown[]) => {
            if (disk.full) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return { disk, openJournal };
}

describe('a full disk', () => {
  it('requests answered 500 changed nothing: not in memory, not on disk after a restart, and their emails are never sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-full-disk-'));
    const file = join(dir, 'store.json');
    const outboxDir = join(dir, 'outbox');
    const { disk, openJournal } = fillableDisk();
    const store = await LowdbStore.open(file, { openJournal });
    const clock = new SimulatedClock(START);
    const host = await RuntimeHost.create({ store, clock, accountZone: 'UTC' });
    host.publish([{ ir: twoEmails, version: 1 }]);
    const app = await buildApp({ host, token: TOKEN });
    const post = (email: string) => app.inject({ method: 'POST', url: '/forms/signup', payload: { email, firstName: 'X' } });

    expect((await post('before@example.test')).statusCode).toBeLessThan(300);
    disk.full = true;
    const during = await Promise.all(['full1@example.test', 'full2@example.test', 'full3@example.test'].map(post));
    expect(during.map((r) => r.statusCode)).toEqual([500, 500, 500]);
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'error', problems: [expect.stringMatching(/^store: .*store\.json\.journal: could not be appended to \(ENOSPC\)/)] });
    disk.full = false;
    expect((await post('after@example.test')).statusCode).toBeLessThan(300);
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ status: 'ok' });

    const listed = (await app.inject({ method: 'GET', url: '/contacts', headers: AUTH })).json() as { contacts: Array<{ email: string }> } | Array<{ email: string }>;
    const emails = (Array.isArray(listed) ? listed : listed.contacts).map((c) => c.email).sort();
    expect(emails).toEqual(['after@example.test', 'before@example.test']);

    const worker = new DeliveryWorker({ store, clock, transports: createTransports({ outboxDir, defaultFrom: 'Acme <hi@acme.test>' }) });
    await worker.runOnce();
    expect(readdirSync(join(outboxDir, 'email'))).toHaveLength(4); // two per acknowledged post, none for the three refused
    expect((await store.listOutbox()).every((i) => i.status === 'sent')).toBe(true);
    await app.close();
    await store.close();

    const reopened = await LowdbStore.open(file);
    expect((await reopened.listContacts()).map((c) => c.email).sort()).toEqual(['after@example.test', 'before@example.test']);
    expect(await reopened.listOutbox()).toHaveLength(4);
    await reopened.close();
  });
});
