// API writes (contact deletes, tags applied and removed) arriving while the due-runner
// works through thousands of due steps: every write must go through the
// live host's serial queue, or a step that read a contact before its delete
// writes it back, or the runner trips over a contact deleted under it.
//
// The host sees the store through a wrapper that takes one event-loop turn
// before each call, as a store over a network (PostgreSQL) would: with the
// in-memory lowdb state a step's reads resolve at once, which hides the
// interleavings a slower store would meet.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sequence, start, tagApplied } from 'nudge';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import type { ContactStore } from '../../runtime/store/contact-store';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { buildApp } from '../../runtime/server/app';
import { AUTH, START, TOKEN } from './helpers';

const CONTACTS = 2000;
const STEPS_PER_CONTACT = 10; // 20,000 due steps in all
const DELETES = 500;
const TAG_CHANGES = 500;
const TAG_REMOVALS = 250;

let path = start();
for (let i = 1; i <= STEPS_PER_CONTACT; i++) path = path.delay('1h').applyTag(`hour-${i}`);
const drip = sequence('drip', { name: 'Drip', startOn: tagApplied('Lead'), paths: [path] });

/** The same store, each call answered on a later turn of the event loop. */
function onLaterTurns(store: ContactStore): ContactStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => new Promise((r) => setImmediate(r)).then(() => value.apply(target, args));
    },
  });
}

const id = (i: number) => `c${String(i).padStart(5, '0')}`;

async function openRuntime() {
  const file = join(mkdtempSync(join(tmpdir(), 'nudge-race-')), 'store.json');
  const store = await LowdbStore.open(file);
  await store.commit({ contacts: Array.from({ length: CONTACTS }, (_, i) => ({ id: id(i) })) });
  const host = await RuntimeHost.create({ store: onLaterTurns(store), clock: new SimulatedClock(START), accountZone: 'UTC' });
  host.publish([{ ir: drip, version: 1 }]);
  await Promise.all(Array.from({ length: CONTACTS }, (_, i) => host.apply(id(i), { tagsApplied: ['Lead'] })));
  const app = await buildApp({ host, token: TOKEN });
  return { app, host, store, file };
}

describe('API writes during a due run', () => {
  it('are serialised with the due steps: no 404 or 500, no deleted contact comes back, every acknowledged write survives a reopen', async () => {
    const { app, store, file } = await openRuntime();
    const call = (method: 'POST' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers: AUTH, payload });

    // Deletes hit contacts early in the due order (the batch being run), tag changes contacts after them.
    const deleted = Array.from({ length: DELETES }, (_, i) => id(i * 2));
    const tagged = Array.from({ length: TAG_CHANGES }, (_, i) => id(i * 2 + 1));
    // A removal computed from the tags before the run would drop the tags its steps apply.
    const untagged = Array.from({ length: TAG_REMOVALS }, (_, i) => id(DELETES + TAG_CHANGES + i));
    const advance = call('POST', '/clock/advance', { ms: (STEPS_PER_CONTACT + 1) * 3_600_000 });
    let advanced = false;
    void advance.then(() => { advanced = true; });
    let launchedDuringRun = 0;
    const writes: Array<Promise<{ what: string; status: number; body: string }>> = [];
    for (let i = 0; i < DELETES; i++) {
      // Spread over the run: the next write starts when the event loop next gets a turn.
      await new Promise((r) => setImmediate(r));
      if (!advanced) launchedDuringRun += i < TAG_REMOVALS ? 3 : 2;
      writes.push(call('DELETE', `/contacts/${deleted[i]}`).then((r) => ({ what: `DELETE ${deleted[i]}`, status: r.statusCode, body: r.body })));
      writes.push(call('POST', `/contacts/${tagged[i]}/tags`, { tags: ['Changed'] }).then((r) => ({ what: `tag ${tagged[i]}`, status: r.statusCode, body: r.body })));
      if (i < TAG_REMOVALS) {
        writes.push(call('DELETE', `/contacts/${untagged[i]}/tags/Lead`).then((r) => ({ what: `untag ${untagged[i]}`, status: r.statusCode, body: r.body })));
      }
    }
    const answers = [await advance.then((r) => ({ what: 'advance', status: r.statusCode, body: r.body })), ...(await Promise.all(writes))];
    expect(answers.filter((a) => a.status >= 300).slice(0, 5)).toEqual([]);
    expect(launchedDuringRun).toBeGreaterThan((DELETES + TAG_CHANGES + TAG_REMOVALS) / 2); // the writes did race the run

    const check = async (s: LowdbStore) => {
      expect([...(await s.getContacts(deleted)).keys()]).toEqual([]);
      expect([...(await s.getEnrollments(deleted)).values()].flat()).toEqual([]);
      const contacts = await s.getContacts(tagged);
      expect(tagged.filter((t) => !contacts.get(t)?.tags?.includes('Changed'))).toEqual([]);
      expect([...(await s.getContacts(untagged)).values()].filter((c) => c.tags?.includes('Lead')).map((c) => c.id)).toEqual([]);
      expect(await s.countContacts()).toBe(CONTACTS - DELETES);
      const survivors = await s.listContacts({ limit: CONTACTS });
      expect(survivors.filter((c) => !c.tags?.includes(`hour-${STEPS_PER_CONTACT}`)).map((c) => c.id)).toEqual([]);
    };
    await check(store);
    await app.close();
    await store.close();
    const reopened = await LowdbStore.open(file);
    await check(reopened);
    await reopened.close();
  }, 180_000);
});
