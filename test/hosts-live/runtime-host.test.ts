import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { durableText } from '../store/on-disk';
import { sequence, start, tagApplied } from 'nudge';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { simulate } from '../../runtime/hosts/dry-run/simulate';
import type { Contact } from '../../runtime/engine/model';

const welcome = sequence('welcome', {
  name: 'Welcome',
  startOn: tagApplied('Lead'),
  paths: [start()
    .email({ subject: 'Hi ~Contact.FirstName|there~', body: 'Welcome.' })
    .delay('2d', { on: 'weekdays', at: '09:00', tz: 'contact' })
    .applyTag('Nurtured')
    .delay('3h')
    .email({ subject: 'Day two', body: 'More.' })],
});

const contacts: Contact[] = [
  { id: 'c1', email: 'ann@example.test', firstName: 'Ann', timezone: 'America/New_York' },
  { id: 'c2', email: 'bo@example.test', timezone: 'Australia/Sydney' },
  { id: 'c3', timezone: 'Europe/London' },
];

const START = Date.parse('2026-12-04T15:00:00Z');

async function openHost() {
  const file = join(mkdtempSync(join(tmpdir(), 'nudge-host-')), 'store.json');
  const store = await LowdbStore.open(file);
  await store.commit({ contacts });
  const clock = new SimulatedClock(START);
  const host = await RuntimeHost.create({ store, clock, accountZone: 'UTC' });
  host.publish([{ ir: welcome, version: 1 }]);
  return { host, store, clock, file };
}

describe('runtime host', () => {
  it('executes what the dry run shows: same history lines, same outbox keys, durably on disk', async () => {
    const { host, store, clock, file } = await openHost();
    for (const c of contacts) await host.apply(c.id, { tagsApplied: ['Lead'] });
    clock.advance(10 * 86_400_000);
    await host.runDue();

    const dry = simulate({
      sequences: [welcome], contacts, start: START, until: clock.now(), accountZone: 'UTC', enrollAllAtStart: false,
      inputs: contacts.map((c) => ({ at: START, contactId: c.id, tagsApplied: ['Lead'] })),
    }, { collect: true });
    for (const c of contacts) {
      const real = (await store.history(c.id)).filter((h) => h.step).map((h) => `${new Date(h.time).toISOString()} ${h.step} ${h.status} ${h.reason ?? ''}`);
      const sim = dry.trace.filter((l) => l.contact === c.id).map((l) => `${new Date(l.time).toISOString()} ${l.step} ${l.status} ${l.reason ?? ''}`);
      expect(real).toEqual(sim);
    }
    const keys = (await store.listOutbox()).map((o) => o.key).sort();
    expect(keys).toEqual(dry.effects.filter((e) => e.type === 'email').map((e) => (e as { idempotencyKey: string }).idempotencyKey).sort());
    expect(keys).toHaveLength(4); // c3 has no email: both its emails are skipped

    expect(durableText(file)).toContain('Nurtured'); // the store file or its journal
  });

  it('catches up on wake-ups that fell due while it was down, in order, at their own instants', async () => {
    const { host, store, clock, file } = await openHost();
    await host.apply('c1', { tagsApplied: ['Lead'] });
    await store.close();
    clock.advance(30 * 86_400_000);
    const reopened = await LowdbStore.open(file);
    const again = await RuntimeHost.create({ store: reopened, clock, accountZone: 'UTC' });
    again.publish([{ ir: welcome, version: 1 }]);
    expect(await again.runDue()).toBe(2);
    const steps = (await reopened.history('c1')).map((h) => [h.step, new Date(h.time).toISOString()]);
    expect(steps).toEqual([
      ['email-hi', '2026-12-04T15:00:00.000Z'],
      ['wait-2d', '2026-12-07T14:00:00.000Z'], // Monday 09:00 EST
      ['tag-nurtured', '2026-12-07T14:00:00.000Z'],
      ['wait-3h', '2026-12-07T17:00:00.000Z'],
      ['email-day-two', '2026-12-07T17:00:00.000Z'],
    ]);
  });
});
