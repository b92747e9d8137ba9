/**
 * The world of `npm run bench:server` (scripts/bench-server.ts): its two
 * sequences, its contacts and the store file the server opens.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Contact, User } from '../runtime/engine/model';
import { SimulatedClock } from '../runtime/hosts/live/clock';
import { RuntimeHost } from '../runtime/hosts/live/runtime-host';
import { SequencePublisher } from '../runtime/publish/sequence-publisher';
import { MemoryStore } from '../runtime/store/memory-store';
import { stringifyStore } from '../runtime/store/store-json';

export interface SeedParams {
  n: number;
  eventContacts: number;
  zone: string;
  token: string;
  /** The simulated clock's start (ms). */
  start: number;
}

const ROOT = resolve(__dirname, '..');

const EVENT_SEQ = `import { sequence, start, event } from 'nudge';
export default sequence('bench-events', {
  name: 'Bench: event sign-up',
  startOn: event('bench-signup'),
  paths: [start('Main').email({ subject: 'Hi ~Contact.FirstName~', body: 'Thanks for signing up. Unsubscribe: ~Unsubscribe~ ~Account.Address~' }).delay('30d').email({ subject: 'A month on', body: 'Still there? Unsubscribe: ~Unsubscribe~ ~Account.Address~' })],
});
`;
const DUE_SEQ = `import { sequence, start, apiGoal } from 'nudge';
export default sequence('bench-due', {
  name: 'Bench: due steps',
  startOn: apiGoal('bench-due'),
  paths: [start('Main').delay('1d').email({ subject: 'A day later, ~Contact.FirstName~', body: 'Hello again. Unsubscribe: ~Unsubscribe~ ~Account.Address~' })],
});
`;

export const id = (i: number) => `c${String(i).padStart(6, '0')}`;

function makeContacts(n: number): Contact[] {
  const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Tokyo'];
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    return {
      id: id(i),
      firstName: `First${i}`,
      lastName: `Last${i}`,
      email: `${id(i)}@example.test`,
      phone: `+1 212 555 ${String(i % 10_000).padStart(4, '0')}`,
      timezone: zones[i % zones.length],
      tags: [],
    } as unknown as Contact;
  });
}

/**
 * Writes the two sequences, the config and a store of `n` contacts into
 * `cwd`; contacts after the first `eventContacts` are enrolled in the due
 * sequence (waiting on its 1-day delay). Returns the store file.
 */
export async function seed(cwd: string, p: SeedParams): Promise<string> {
  const { n, eventContacts, zone: ZONE, token: TOKEN, start: START } = p;
  mkdirSync(join(cwd, 'seq'));
  writeFileSync(join(cwd, 'seq/bench-events.seq.ts'), EVENT_SEQ);
  writeFileSync(join(cwd, 'seq/bench-due.seq.ts'), DUE_SEQ);
  writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({ accountZone: ZONE, token: TOKEN, outboxDir: process.env.BENCH_OUTBOX_DIR ? mkdtempSync(join(process.env.BENCH_OUTBOX_DIR, 'nudge-bench-outbox-')) : join(cwd, 'outbox') }));
  mkdirSync(join(cwd, '.nudge'));
  const storeFile = join(cwd, '.nudge/store.json');

  const store = new MemoryStore();
  const users = JSON.parse(readFileSync(resolve(ROOT, 'samples/users.json'), 'utf8')) as User[];
  await store.putUsers(users);
  const contacts = makeContacts(n);
  await store.commit({ contacts });
  const host = await RuntimeHost.create({ store, clock: new SimulatedClock(START), accountZone: ZONE });
  const publisher = new SequencePublisher({ dir: join(cwd, 'seq'), host, accountZone: ZONE });
  const outcome = await publisher.start();
  await publisher.close();
  for (const s of ['bench-events', 'bench-due']) {
    if (host.sequence(s) === undefined) throw new Error(`${s} was not published: ${JSON.stringify(outcome)}`);
  }
  for (let i = eventContacts + 1; i <= n; i++) {
    const r = await host.apply(id(i), { enroll: ['bench-due'] });
    if (!r.state.enrollments.some((e) => e.sequenceId === 'bench-due')) throw new Error(`${id(i)} was not enrolled`);
  }
  writeFileSync(storeFile, stringifyStore(store.snapshot()));
  return storeFile;
}
