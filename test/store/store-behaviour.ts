/**
 * What every ContactStore must do, run against each implementation so that
 * the dry run (memory) and the runtime (lowdb) answer alike.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactStore } from '../../runtime/store/contact-store';
import { suppressionHash } from '../../runtime/store/suppression-hash';
import { MIN, T0, enrollment, fulfillment, note, order, outboxItem, task } from './fixtures';

const HASH_A = suppressionHash('ann@example.test');
const HASH_B = suppressionHash('bo@example.test');
const HASH_C = suppressionHash('cy@example.test');

export interface StoreHarness {
  store: ContactStore;
  /** The same data as seen by a fresh store (lowdb: reopened from the file). */
  reopen(): Promise<ContactStore>;
  cleanup(): Promise<void>;
}

export function describeStoreBehaviour(name: string, make: () => Promise<StoreHarness>): void {
  describe(`${name}: ContactStore behaviour`, () => {
    let h: StoreHarness;
    let store: ContactStore;
    beforeEach(async () => {
      h = await make();
      store = h.store;
    });
    afterEach(async () => h.cleanup());

    it('commits contacts and reads them back by id, in pages in id order, and counts them', async () => {
      await store.commit({ contacts: [{ id: 'c2', firstName: 'Bo' }, { id: 'c10' }, { id: 'c1', tags: ['A'] }] });
      const got = await store.getContacts(['c1', 'c2', 'missing']);
      expect([...got.keys()]).toEqual(['c1', 'c2']);
      expect(got.get('c2')).toEqual({ id: 'c2', firstName: 'Bo' });
      expect((await store.listContacts()).map((c) => c.id)).toEqual(['c1', 'c10', 'c2']);
      expect((await store.listContacts({ offset: 1, limit: 1 })).map((c) => c.id)).toEqual(['c10']);
      expect(await store.countContacts()).toBe(3);
      await store.commit({ contacts: [{ id: 'c2', firstName: 'Bea' }] });
      expect((await store.getContacts(['c2'])).get('c2')).toEqual({ id: 'c2', firstName: 'Bea' });
      expect(await store.countContacts()).toBe(3);
    });

    it('finds contacts by email through its index, kept right through updates, deletes and a reopen', async () => {
      await store.commit({ contacts: [{ id: 'c2', email: 'Ann@Example.test' }, { id: 'c1', email: 'ann@example.test ' }, { id: 'c3', email: 'bo@example.test' }, { id: 'c4' }] });
      const find = async (s: ContactStore, email: string) => (await s.findContactIdsByEmail([email])).get(email);
      expect(await find(store, 'ANN@example.TEST')).toEqual(['c1', 'c2']);
      expect(await find(store, 'nobody@example.test')).toEqual([]);
      await store.commit({ contacts: [{ id: 'c2', email: 'cy@example.test' }] });
      expect(await find(store, 'ann@example.test')).toEqual(['c1']);
      expect(await find(store, 'cy@example.test')).toEqual(['c2']);
      await store.commit({ contacts: [{ id: 'c3' }] });
      expect(await find(store, 'bo@example.test')).toEqual([]);
      await store.deleteContacts(['c1']);
      expect(await find(store, 'ann@example.test')).toEqual([]);
      await store.commit({ contacts: [{ id: 'c5', email: 'ann@example.test' }] });
      await store.flush();
      const fresh = await h.reopen();
      expect(await find(fresh, 'Ann@example.test')).toEqual(['c5']);
      expect(await find(fresh, 'cy@example.test')).toEqual(['c2']);
      expect(await find(fresh, 'bo@example.test')).toEqual([]);
    });

    it('keeps its own copies: editing what was committed or read changes nothing', async () => {
      const c = { id: 'c1', tags: ['A'] };
      await store.commit({ contacts: [c] });
      c.tags.push('B');
      const read = (await store.getContacts(['c1'])).get('c1')!;
      read.tags!.push('C');
      expect((await store.getContacts(['c1'])).get('c1')!.tags).toEqual(['A']);
    });

    it('sees a commit before its promise settles (applied at once), and refuses a malformed batch whole', async () => {
      void store.commit({ contacts: [{ id: 'c1' }] });
      expect(await store.countContacts()).toBe(1);
      await expect(store.commit({ contacts: [{ id: 'c2' }], wakeups: [{ contactId: 'c2', at: Number.NaN }] })).rejects.toThrow(
        /wakeups\[0\]: at must be an instant.*Nothing of this batch was applied/,
      );
      expect(await store.countContacts()).toBe(1);
    });

    it('stores the full enrollment list per contact and finds enrollments by sequence', async () => {
      await store.commit({
        enrollments: [
          { contactId: 'c2', enrollments: [enrollment('c2', 'welcome'), enrollment('c2', 'renewal')] },
          { contactId: 'c1', enrollments: [enrollment('c1', 'welcome', 'completed')] },
        ],
      });
      const byContact = await store.getEnrollments(['c1', 'c2', 'c3']);
      expect(byContact.get('c2')!.map((e) => e.sequenceId)).toEqual(['welcome', 'renewal']);
      expect(byContact.get('c3')).toEqual([]);
      expect((await store.enrollmentsInSequence('welcome')).map((e) => e.contactId)).toEqual(['c1', 'c2']);
      await store.commit({ enrollments: [{ contactId: 'c2', enrollments: [enrollment('c2', 'renewal')] }] });
      expect((await store.enrollmentsInSequence('welcome')).map((e) => e.contactId)).toEqual(['c1']);
      expect((await store.enrollmentsInSequence('renewal')).map((e) => e.contactId)).toEqual(['c2']);
    });

    it('answers due wake-ups earliest first, ties by contact id, up to a limit; moves and clears them', async () => {
      await store.commit({
        wakeups: [
          { contactId: 'c3', at: T0 + 2 * MIN },
          { contactId: 'c2', at: T0 + MIN },
          { contactId: 'c1', at: T0 + MIN },
          { contactId: 'c9', at: T0 + 60 * MIN },
        ],
      });
      expect(await store.nextWakeup()).toBe(T0 + MIN);
      expect(await store.dueWakeups(T0 + 2 * MIN, 10)).toEqual([
        { contactId: 'c1', at: T0 + MIN },
        { contactId: 'c2', at: T0 + MIN },
        { contactId: 'c3', at: T0 + 2 * MIN },
      ]);
      expect((await store.dueWakeups(T0 + 2 * MIN, 2)).map((w) => w.contactId)).toEqual(['c1', 'c2']);
      await store.commit({ wakeups: [{ contactId: 'c1', at: T0 + 90 * MIN }, { contactId: 'c2', at: null }] });
      expect(await store.dueWakeups(T0 + 2 * MIN, 10)).toEqual([{ contactId: 'c3', at: T0 + 2 * MIN }]);
      expect(await store.dueWakeups(T0, 10)).toEqual([]);
      expect(await store.nextWakeup()).toBe(T0 + 2 * MIN);
      await store.commit({ wakeups: ['c1', 'c3', 'c9'].map((contactId) => ({ contactId, at: null })) });
      expect(await store.nextWakeup()).toBeNull();
    });

    it('queries records by type, contact, user and list in creation order, and updates them by id', async () => {
      await store.commit({
        records: [note('n1', 'c1'), task('t1', 'c1', 'u-ann'), note('n2', 'c2'), task('t2', 'c2', 'u-ann'), task('t3', 'c2', 'u-bob')],
      });
      await store.commit({ records: [note('n3', 'c1'), fulfillment('beans', 'c1'), fulfillment('mugs', 'c2'), order('o1', 'c2')] });
      expect((await store.listRecords('note')).map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
      expect((await store.listRecords('note', { contactId: 'c1' })).map((n) => n.id)).toEqual(['n1', 'n3']);
      expect((await store.listRecords('task', { userId: 'u-ann' })).map((t) => t.id)).toEqual(['t1', 't2']);
      expect((await store.listRecords('task', { userId: 'u-ann', contactId: 'c2' })).map((t) => t.id)).toEqual(['t2']);
      expect((await store.listRecords('fulfillment', { list: 'beans' })).map((f) => f.contactId)).toEqual(['c1']);
      expect(await store.listRecords('appointment')).toEqual([]);
      expect(await store.updateRecord('task', 't2', { completedAt: T0 + MIN, userId: 'u-bob' })).toBe(true);
      expect((await store.listRecords('task', { userId: 'u-bob' })).map((t) => [t.id, t.completedAt])).toEqual([
        ['t2', T0 + MIN],
        ['t3', undefined],
      ]);
      expect(await store.updateRecord('task', 'nope', { title: 'x' })).toBe(false);
      expect(await store.updateRecord('order', 'o1', { status: 'paid', id: 'hijack' })).toBe(true);
      expect((await store.listRecords('order'))[0]).toMatchObject({ id: 'o1', status: 'paid' });
    });

    it('upserts a replayed record instead of creating it twice', async () => {
      await store.commit({ records: [note('n1', 'c1'), fulfillment('beans', 'c1')] });
      await store.commit({ records: [{ ...note('n1', 'c1'), subject: 'again' }, fulfillment('beans', 'c1')] });
      expect((await store.listRecords('note')).map((n) => n.subject)).toEqual(['again']);
      expect(await store.listRecords('fulfillment')).toHaveLength(1);
    });

    it('hands out pending outbox items when due (backoff respected), marks them sent, never un-sends', async () => {
      await store.commit({
        outbox: [
          outboxItem('k2', 'c1'),
          outboxItem('k1', 'c2'),
          outboxItem('k3', 'c1', { attempts: 1, nextAttemptAt: T0 + 10 * MIN, lastError: 'SMTP 451' }),
          outboxItem('k4', 'c1', { status: 'failed', attempts: 5 }),
        ],
      });
      expect((await store.pendingOutbox(T0, 10)).map((i) => i.key)).toEqual(['k1', 'k2']);
      expect((await store.pendingOutbox(T0 + 10 * MIN, 10)).map((i) => i.key)).toEqual(['k1', 'k2', 'k3']);
      expect((await store.pendingOutbox(T0 + 10 * MIN, 1)).map((i) => i.key)).toEqual(['k1']);
      const [k1] = await store.pendingOutbox(T0, 1);
      await store.commit({ outbox: [{ ...k1, status: 'sent', attempts: 1, sentAt: T0 + MIN }] });
      expect((await store.pendingOutbox(T0 + 10 * MIN, 10)).map((i) => i.key)).toEqual(['k2', 'k3']);
      // The same effect emitted again (a replayed step) must not be delivered twice.
      await store.commit({ outbox: [outboxItem('k1', 'c2')] });
      expect((await store.listOutbox({ status: 'sent' })).map((i) => [i.key, i.sentAt])).toEqual([['k1', T0 + MIN]]);
      expect((await store.listOutbox({ contactId: 'c1' })).map((i) => i.key)).toEqual(['k2', 'k3', 'k4']);
      expect((await store.listOutbox({ contactId: 'c1', status: 'failed' })).map((i) => i.key)).toEqual(['k4']);
    });

    it("keeps each contact's history in the order it was committed", async () => {
      const line = (contact: string, step: string, time: number) => ({
        time, contact, sequence: 'welcome', path: 0, step, kind: 'email', status: 'done' as const, position: 0,
      });
      await store.commit({ history: [line('c1', 'a', T0), line('c2', 'a', T0), line('c1', 'b', T0)] });
      await store.commit({ history: [{ time: T0 + MIN, contact: 'c1', message: 'moved by hand' }] });
      expect((await store.history('c1')).map((h) => h.step ?? h.message)).toEqual(['a', 'b', 'moved by hand']);
      expect(await store.history('c3')).toEqual([]);
    });

    it('merges meta keys; undefined removes one', async () => {
      await store.commit({ meta: { roundRobin: { 'u-ann': 2 }, clock: T0 } });
      await store.commit({ meta: { clock: T0 + MIN, gone: undefined } });
      expect(await store.getMeta('roundRobin')).toEqual({ 'u-ann': 2 });
      expect(await store.getMeta<number>('clock')).toBe(T0 + MIN);
      await store.commit({ meta: { clock: undefined } });
      expect(await store.getMeta('clock')).toBeUndefined();
    });

    it('upserts users, keeping their order', async () => {
      await store.putUsers([{ id: 'u-bob' }, { id: 'u-ann', firstName: 'Ann' }]);
      await store.putUsers([{ id: 'u-bob', firstName: 'Bob' }]);
      expect(await store.listUsers()).toEqual([{ id: 'u-bob', firstName: 'Bob' }, { id: 'u-ann', firstName: 'Ann' }]);
    });

    it('deletes everything about a deleted contact', async () => {
      await store.commit({
        contacts: [{ id: 'c1' }, { id: 'c2' }],
        enrollments: [{ contactId: 'c1', enrollments: [enrollment('c1')] }],
        wakeups: [{ contactId: 'c1', at: T0 }, { contactId: 'c2', at: T0 }],
        records: [note('n1', 'c1'), note('n2', 'c2')],
        outbox: [outboxItem('k1', 'c1')],
        history: [{ time: T0, contact: 'c1', message: 'hi' }],
      });
      await store.deleteContacts(['c1']);
      expect(await store.countContacts()).toBe(1);
      expect(await store.enrollmentsInSequence('welcome')).toEqual([]);
      expect(await store.dueWakeups(T0, 10)).toEqual([{ contactId: 'c2', at: T0 }]);
      expect((await store.listRecords('note')).map((n) => n.id)).toEqual(['n2']);
      expect(await store.listOutbox()).toEqual([]);
      expect(await store.history('c1')).toEqual([]);
    });

    it('gives a fresh store the same answers (reopen)', async () => {
      await store.commit({
        contacts: [{ id: 'c2', tags: ['B'] }, { id: 'c1', birthday: '1990-02-28' }],
        enrollments: [{ contactId: 'c1', enrollments: [enrollment('c1')] }],
        wakeups: [{ contactId: 'c2', at: T0 }, { contactId: 'c1', at: T0 }],
        records: [note('n1', 'c1'), task('t1', 'c2', 'u-ann'), order('o1', 'c1'), fulfillment('beans', 'c2')],
        outbox: [outboxItem('k1', 'c1')],
        history: [{ time: T0, contact: 'c1', message: 'hi' }],
        meta: { clock: T0 },
        consent: [{ contactId: 'c1', at: T0, event: 'created', status: 'unconfirmed', source: { kind: 'import', id: 'list.csv' } }],
        suppress: [{ hash: HASH_B, status: 'complaint', at: T0, source: 'webhook' }],
      });
      await store.putUsers([{ id: 'u-ann' }]);
      await store.flush();
      const again = await h.reopen();
      expect(await again.listContacts()).toEqual(await store.listContacts());
      expect(await again.dueWakeups(T0, 10)).toEqual([{ contactId: 'c1', at: T0 }, { contactId: 'c2', at: T0 }]);
      expect(await again.getEnrollments(['c1'])).toEqual(await store.getEnrollments(['c1']));
      for (const type of ['note', 'task', 'order', 'fulfillment'] as const) {
        expect(await again.listRecords(type)).toEqual(await store.listRecords(type));
      }
      expect(await again.listOutbox()).toEqual(await store.listOutbox());
      expect(await again.history('c1')).toEqual(await store.history('c1'));
      expect(await again.getMeta('clock')).toBe(T0);
      expect(await again.listUsers()).toEqual([{ id: 'u-ann' }]);
      expect(await again.consentLedger('c1')).toEqual(await store.consentLedger('c1'));
      expect(await again.listSuppression()).toEqual(await store.listSuppression());
      await again.close();
    });

    it('appends consent ledger lines per contact and keeps the first suppression entry of an address', async () => {
      const source = { kind: 'form' as const, id: 'newsletter', ip: '203.0.113.9', wording: 'Send me the newsletter' };
      await store.commit({
        contacts: [{ id: 'c1', email: 'ann@example.test' }],
        consent: [{ contactId: 'c1', at: T0, event: 'created', email: 'ann@example.test', status: 'unconfirmed', source }],
      });
      await store.commit({
        contacts: [{ id: 'c1', email: 'ann@example.test', emailStatus: 'unsubscribed' }],
        consent: [{ contactId: 'c1', at: T0 + MIN, event: 'unsubscribed', status: 'unsubscribed', source: { kind: 'one-click' } }],
        suppress: [{ hash: HASH_A, status: 'unsubscribed', at: T0 + MIN, source: 'one-click' }],
      });
      await store.commit({ suppress: [{ hash: HASH_A, status: 'complaint', at: T0 + 2 * MIN, source: 'webhook' }, { hash: HASH_B, status: 'hard-bounce', at: T0, source: 'smtp' }] });
      expect((await store.consentLedger('c1')).map((l) => [l.event, l.status, l.source.kind])).toEqual([
        ['created', 'unconfirmed', 'form'], ['unsubscribed', 'unsubscribed', 'one-click'],
      ]);
      expect((await store.consentLedger('c1'))[0].source).toEqual(source);
      expect(await store.consentLedger('nobody')).toEqual([]);
      const found = await store.suppressed([HASH_A, HASH_C]);
      expect([...found.keys()]).toEqual([HASH_A]);
      expect(found.get(HASH_A)).toEqual({ hash: HASH_A, status: 'unsubscribed', at: T0 + MIN, source: 'one-click' });
      expect((await store.listSuppression()).map((e) => e.hash)).toEqual([HASH_A, HASH_B]);
      await store.commit({ unsuppress: [HASH_B] });
      expect((await store.listSuppression()).map((e) => e.hash)).toEqual([HASH_A]);
    });

    it('finds contacts by address (trimmed, any case) through changes, deletes and a reopen', async () => {
      await store.commit({ contacts: [{ id: 'c2', email: 'Ann@Example.test' }, { id: 'c1', email: ' ann@example.test' }, { id: 'c3', email: 'bo@example.test' }, { id: 'c4' }] });
      expect((await store.findContactIdsByEmail(['ANN@example.test'])).get('ANN@example.test')).toEqual(['c1', 'c2']);
      await store.commit({ contacts: [{ id: 'c2', email: 'new@example.test' }] });
      await store.deleteContacts(['c3']);
      expect((await store.findContactIdsByEmail(['ann@example.test'])).get('ann@example.test')).toEqual(['c1']);
      expect((await store.findContactIdsByEmail(['new@example.test'])).get('new@example.test')).toEqual(['c2']);
      expect((await store.findContactIdsByEmail(['bo@example.test'])).get('bo@example.test')).toEqual([]);
      await store.flush();
      const again = await h.reopen();
      expect((await again.findContactIdsByEmail(['NEW@example.test'])).get('NEW@example.test')).toEqual(['c2']);
      await again.close();
    });

    it('keeps the suppression list when the contact is deleted, and drops its ledger', async () => {
      await store.commit({
        contacts: [{ id: 'c1', email: 'ann@example.test', emailStatus: 'hard-bounce' }],
        consent: [{ contactId: 'c1', at: T0, event: 'hard-bounce', status: 'hard-bounce', source: { kind: 'smtp' } }],
        suppress: [{ hash: HASH_A, status: 'hard-bounce', at: T0, source: 'smtp' }],
      });
      await store.deleteContacts(['c1']);
      expect(await store.consentLedger('c1')).toEqual([]);
      expect((await store.suppressed([HASH_A])).get(HASH_A)?.status).toBe('hard-bounce');
      await store.flush();
      const again = await h.reopen();
      expect((await again.listSuppression()).map((e) => e.hash)).toEqual([HASH_A]);
      expect(await again.consentLedger('c1')).toEqual([]);
      await again.close();
    });

    it('refuses a malformed consent line or suppression entry whole', async () => {
      await expect(store.commit({ contacts: [{ id: 'c1' }], suppress: [{ hash: 'ann@example.test', status: 'unsubscribed', at: T0, source: 'api' }] })).rejects.toThrow(
        /suppress\[0\]: hash must be a SHA-256.*Nothing of this batch was applied/,
      );
      await expect(store.commit({ consent: [{ contactId: 'c1', at: T0, event: 'created', status: 'subscribed' as never, source: { kind: 'api' } }] })).rejects.toThrow(
        /consent\[0\]: status must be one of/,
      );
      expect(await store.countContacts()).toBe(0);
    });

    it('refuses changes once closed', async () => {
      await store.close();
      await expect(store.commit({ contacts: [{ id: 'c1' }] })).rejects.toThrow(/store is closed/);
    });
  });
}
