import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequence, start, tagApplied, unsubscribed } from 'nudge';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { MemoryStore } from '../../runtime/store/memory-store';
import { simulate } from '../../runtime/hosts/dry-run/simulate';
import { suppressionHash } from '../../runtime/store/suppression-hash';
import type { ContactStore } from '../../runtime/store/contact-store';

const nurture = sequence('nurture', {
  name: 'Nurture',
  startOn: tagApplied('Lead'),
  stopOn: unsubscribed(),
  paths: [start()
    .email({ id: 'hello', subject: 'Hello', body: 'Welcome.' })
    .email({ id: 'alert', to: 'owner', subject: 'New lead', body: '~Contact.Email~' })
    .email({ id: 'receipt', category: 'transactional', subject: 'Your receipt', body: 'Thanks.' })
    .delay('1d')
    .email({ id: 'day-two', subject: 'Day two', body: 'More.' })],
});

const goodbye = sequence('goodbye', {
  name: 'Goodbye',
  startOn: unsubscribed(),
  paths: [start().applyTag('Unsubscribed').applyNote({ subject: 'Unsubscribed' })],
});

const START = Date.parse('2026-12-04T15:00:00Z');
const DAY = 86_400_000;

async function openHost(store: ContactStore = new MemoryStore()) {
  await store.putUsers([{ id: 'u-ann', email: 'ann.staff@acme.test' }]);
  const clock = new SimulatedClock(START);
  const host = await RuntimeHost.create({ store, clock, accountZone: 'UTC' });
  host.publish([{ ir: nurture, version: 1 }, { ir: goodbye, version: 1 }]);
  return { host, store, clock };
}

const lines = async (store: ContactStore, id: string) =>
  (await store.history(id)).filter((h) => h.step).map((h) => `${h.step} ${h.status}${h.reason ? ` (${h.reason})` : ''}`);

describe('consent in the live host', () => {
  it('skips marketing email to a hard-bounced address exactly as the dry run does; transactional email still goes', async () => {
    const { host, store, clock } = await openHost();
    await host.create({ id: 'c1', email: 'Bo@Example.test', ownerId: 'u-ann' }, {}, START, { kind: 'api' });
    const bounced = await host.recordEmailEvent({ email: 'bo@example.test', kind: 'hard-bounce', source: { kind: 'smtp' }, detail: '550 5.1.1 no such user' });
    expect(bounced.contactIds).toEqual(['c1']);
    await host.apply('c1', { tagsApplied: ['Lead'] });
    clock.advance(2 * DAY);
    await host.runDue();
    const real = await lines(store, 'c1');
    expect(real).toEqual([
      'hello skipped (not marketable: hard bounce)', 'alert done', 'receipt done', 'wait-1d done', 'day-two skipped (not marketable: hard bounce)',
    ]);

    // The dry run of the stored contact as it was before the tag: status hard-bounce.
    const { tags: _tags, ...contact } = (await store.getContacts(['c1'])).get('c1')!;
    expect(contact.emailStatus).toBe('hard-bounce');
    const dry = simulate({
      sequences: [nurture, goodbye], contacts: [contact], users: await store.listUsers(), start: START, until: clock.now(), accountZone: 'UTC',
      enrollAllAtStart: false, inputs: [{ at: START, contactId: 'c1', tagsApplied: ['Lead'] }],
    }, { collect: true });
    expect(dry.trace.map((l) => `${l.step} ${l.status}${l.reason ? ` (${l.reason})` : ''}`)).toEqual(real);
    expect((await host.consent('c1')).ledger.map((l) => [l.event, l.status, l.source.kind, l.detail])).toEqual([
      ['created', 'unconfirmed', 'api', undefined], ['hard-bounce', 'hard-bounce', 'smtp', '550 5.1.1 no such user'],
    ]);
  });

  it('unsubscribes idempotently: the goal fires once, stops the sequence, a repeat changes nothing', async () => {
    const { host, store, clock } = await openHost();
    await host.create({ id: 'c1', email: 'ann@example.test' }, { tagsApplied: ['Lead'] }, START, { kind: 'form', id: 'newsletter', ip: '203.0.113.9' });
    clock.advance(60_000);
    expect(await host.unsubscribe({ contactId: 'c1', source: { kind: 'one-click' }, sequenceId: 'nurture', stepId: 'hello' })).toEqual({ changed: true });
    expect(await host.unsubscribe({ contactId: 'c1', source: { kind: 'unsubscribe-page', ip: '203.0.113.9' } })).toEqual({ changed: false });
    clock.advance(2 * DAY);
    await host.runDue();
    expect((await host.enrollments('c1')).map((e) => [e.sequenceId, e.status])).toEqual([['nurture', 'stopped'], ['goodbye', 'completed']]);
    expect(await store.listRecords('note', { contactId: 'c1' })).toHaveLength(1);
    expect((await lines(store, 'c1')).filter((l) => l.startsWith('day-two'))).toEqual([]);
    const consent = await host.consent('c1');
    expect(consent.status).toBe('list-unsubscribe');
    expect(consent.ledger.map((l) => [l.event, l.source.kind, l.stepId])).toEqual([['created', 'form', undefined], ['unsubscribed', 'one-click', 'hello']]);
    expect((await store.suppressed([suppressionHash('ann@example.test')])).get(suppressionHash('ann@example.test'))?.status).toBe('list-unsubscribe');
  });

  it('keeps suppression after the contact is deleted: a re-created contact with that address is never mailed (and it survives a restart)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nudge-consent-')), 'store.json');
    const { host, store } = await openHost(await LowdbStore.open(file));
    await host.create({ id: 'c1', email: 'ann@example.test' }, {}, START, { kind: 'api' });
    await host.unsubscribe({ contactId: 'c1', source: { kind: 'unsubscribe-page' } });
    expect(await host.deleteContact('c1')).toBe(true);
    await store.close();

    const reopened = await openHost(await LowdbStore.open(file));
    expect(await reopened.store.consentLedger('c1')).toEqual([]);
    await reopened.host.create({ id: 'c9', email: ' ANN@example.test' }, { tagsApplied: ['Lead'] }, START + DAY, { kind: 'import', id: 'list.csv' });
    expect(await lines(reopened.store, 'c9')).toEqual(['hello skipped (not marketable: unsubscribed)', 'alert skipped (contact has no owner)', 'receipt done']);
    const consent = await reopened.host.consent('c9');
    expect(consent.status).toBe('unsubscribed');
    expect(consent.ledger.map((l) => [l.event, l.status])).toEqual([['created', 'unconfirmed'], ['suppressed', 'unsubscribed']]);
    await reopened.store.close();
  });

  it('suppresses a hard-bounced or complaining address that no contact has yet', async () => {
    const { host, store } = await openHost();
    expect(await host.recordEmailEvent({ email: 'Ghost@Example.test', kind: 'hard-bounce', source: { kind: 'webhook', id: 'ses' } })).toEqual({ contactIds: [] });
    expect(await host.recordEmailEvent({ email: 'angry@example.test', kind: 'complaint', source: { kind: 'webhook' } })).toEqual({ contactIds: [] });
    expect((await store.listSuppression()).map((s) => [s.hash, s.status])).toEqual([
      [suppressionHash('ghost@example.test'), 'hard-bounce'], [suppressionHash('angry@example.test'), 'complaint'],
    ]);
    await host.create({ id: 'c2', email: 'ghost@example.test' }, { tagsApplied: ['Lead'] }, START, { kind: 'api' });
    expect((await lines(store, 'c2'))[0]).toBe('hello skipped (not marketable: hard bounce)');
  });

  it('counts soft bounces: the address becomes non-marketable at the limit, without suppression', async () => {
    const { host, store } = await openHost();
    await host.create({ id: 'c1', email: 'full@example.test' }, {}, START);
    for (let i = 0; i < 2; i++) await host.recordEmailEvent({ email: 'full@example.test', kind: 'soft-bounce', source: { kind: 'smtp' } });
    expect((await host.consent('c1')).status).toBe('unconfirmed');
    await host.recordEmailEvent({ email: 'full@example.test', kind: 'soft-bounce', source: { kind: 'smtp' } });
    expect((await host.consent('c1')).status).toBe('soft-bounce');
    expect((await host.contact('c1'))!.emailSoftBounces).toBe(3);
    expect(await store.listSuppression()).toEqual([]);
  });

  it('lets only the person opt back in: an API confirmation changes nothing, a double opt-in click confirms and lifts suppression', async () => {
    const { host, store } = await openHost();
    await host.create({ id: 'c1', email: 'ann@example.test' }, {}, START);
    expect(await host.confirmOptIn({ contactId: 'c1', source: { kind: 'api' } })).toEqual({ changed: true });
    await host.unsubscribe({ contactId: 'c1', source: { kind: 'unsubscribe-page' } });
    expect(await host.confirmOptIn({ contactId: 'c1', source: { kind: 'admin' } })).toEqual({ changed: false });
    expect(await host.confirmOptIn({ contactId: 'c1', source: { kind: 'form', id: 'newsletter' } })).toEqual({ changed: false });
    await host.apply('c1', { fields: { emailStatus: 'confirmed', emailSoftBounces: 0, firstName: 'Ann' } });
    expect((await host.contact('c1'))!).toMatchObject({ emailStatus: 'unsubscribed', firstName: 'Ann' });
    expect(await host.confirmOptIn({ contactId: 'c1', source: { kind: 'double-opt-in', ip: '203.0.113.9' } })).toEqual({ changed: true });
    expect((await host.consent('c1')).status).toBe('confirmed');
    expect(await store.listSuppression()).toEqual([]);
  });

  it('gives a contact whose address changes to a suppressed one that status, and a bounced contact a fresh start on a new address', async () => {
    const { host, store } = await openHost();
    await host.recordEmailEvent({ email: 'old@example.test', kind: 'complaint', source: { kind: 'webhook' } });
    await host.create({ id: 'c1', email: 'new@example.test' }, {}, START);
    await host.apply('c1', { fields: { email: 'OLD@example.test' }, tagsApplied: ['Lead'] });
    expect((await lines(store, 'c1'))[0]).toBe('hello skipped (not marketable: complaint)');

    await host.create({ id: 'c2', email: 'typo@example.test' }, {}, START);
    await host.recordEmailEvent({ email: 'typo@example.test', kind: 'hard-bounce', source: { kind: 'smtp' } });
    await host.apply('c2', { fields: { email: 'fixed@example.test' }, tagsApplied: ['Lead'] });
    expect((await lines(store, 'c2'))[0]).toBe('hello done');
    expect((await host.consent('c2')).ledger.map((l) => [l.event, l.status, l.email])).toEqual([
      ['hard-bounce', 'hard-bounce', 'typo@example.test'], ['address-changed', 'unconfirmed', 'fixed@example.test'],
    ]);
  });

  it('refuses consent commands for an unknown contact', async () => {
    const { host } = await openHost();
    await expect(host.unsubscribe({ contactId: 'nobody', source: { kind: 'api' } })).rejects.toThrow(/nobody/);
    await expect(host.consent('nobody')).rejects.toThrow(/nobody/);
  });
});

