// A real app on a real lowdb file in a temp folder, with a simulated clock.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineContact, formSubmitted, sequence, start, tagApplied } from 'nudge';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { buildApp } from '../../runtime/server/app';

export const TOKEN = 'test-token-0123456789abcdef';
export const AUTH = { authorization: `Bearer ${TOKEN}` };
export const START = Date.parse('2026-12-07T15:00:00Z'); // a Monday

/** The custom field the API tests write. */
const contact = defineContact({ shoeSize: 'number' });

export const welcome = sequence('welcome', {
  name: 'Welcome',
  startOn: formSubmitted('signup'),
  paths: [contact.start()
    .email({ id: 'email-hi', subject: 'Hi ~Contact.FirstName|there~', body: 'Welcome.' })
    .delay('2d')
    .email({ id: 'email-day-two', subject: 'Day two', body: 'More.' })],
});

export const vip = sequence('vip', {
  name: 'VIP gift',
  startOn: tagApplied('VIP'),
  paths: [start()
    .addToFulfillmentList('gift-box')
    .createTask({ id: 'task-call', title: 'Call ~Contact.FirstName~', assignTo: 'u1', due: '1d' })
    .delay('1h')
    .applyTag('Gifted')],
});

export async function openApp(options: { bodyLimit?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'nudge-server-'));
  const store = await LowdbStore.open(join(dir, 'store.json'));
  const clock = new SimulatedClock(START);
  const host = await RuntimeHost.create({ store, clock, accountZone: 'UTC' });
  await host.setUsers([{ id: 'u1', firstName: 'Una', email: 'una@acme.test' }]);
  host.publish([{ ir: welcome, version: 1 }, { ir: vip, version: 1 }]);
  const app = await buildApp({ host, token: TOKEN, bodyLimit: options.bodyLimit });
  return { app, host, store, clock, dir };
}
