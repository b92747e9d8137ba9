/**
 * The one population loader of the dry run (the CLI's --contacts, --users,
 * --scenario and --store, and the editor's contacts sources): what replaces
 * what, what is added, and the typed problems each caller words itself.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPopulation, PopulationError, readScenarioFile } from '../../runtime/hosts/dry-run/population';
import { seedStoreFromFiles } from '../../runtime/store/contact-file';
import { LowdbStore } from '../../runtime/store/lowdb-store';

const ROOT = resolve(__dirname, '../..');
const CONTACTS_FILE = resolve(ROOT, 'samples/contacts.json');
const USERS_FILE = resolve(ROOT, 'samples/users.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'nudge-population-'));
const problemOf = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof PopulationError) return err.problem;
    throw err;
  }
  throw new Error('expected a PopulationError');
};

describe('loadPopulation', () => {
  it('a contacts or users file replaces the store\'s; a scenario\'s own contacts and users come after them', async () => {
    const dir = tmp();
    const storeFile = join(dir, 'store.json');
    const store = await LowdbStore.open(storeFile);
    await seedStoreFromFiles(store, CONTACTS_FILE, USERS_FILE);
    await store.flush();
    await store.close();
    const contactsFile = join(dir, 'few.json');
    writeFileSync(contactsFile, JSON.stringify([{ id: 'f1', email: 'f1@x.test' }, { id: 'f2', email: 'f2@x.test', timezone: 'Mars/Base' }]));
    const scenarioFile = join(dir, 'one.scenario.json');
    writeFileSync(scenarioFile, JSON.stringify({ contacts: [{ id: 's1' }], users: [{ id: 'u-s', name: 'S' }], events: [{ at: '2026-12-01T15:00:00Z', contact: 's1', tagApplied: 'x' }] }));

    const fromStore = await loadPopulation({ storeFile, fileLabel: basename });
    expect(fromStore.contacts.length).toBe(22);
    expect(fromStore.users.length).toBeGreaterThan(0);
    expect(fromStore.enrollAllAtStart).toBe(true);

    const mixed = await loadPopulation({ storeFile, contactsFile, scenario: { file: scenarioFile, content: readScenarioFile(scenarioFile) }, fileLabel: (f) => `<${basename(f)}>` });
    expect(mixed.contacts.map((c) => c.id)).toEqual(['f1', 'f2', 's1']);
    expect(mixed.users.map((u) => u.id)).toEqual([...fromStore.users.map((u) => u.id), 'u-s']);
    expect(mixed.problems).toEqual([expect.stringMatching(/^<few\.json> record 1 \(f2\): /)]);
    expect([...mixed.badZones]).toEqual(['f2']);
    expect(mixed.inputs).toHaveLength(1);
    expect(mixed.enrollAllAtStart).toBe(false);

    const usersFile = join(dir, 'staff.json');
    writeFileSync(usersFile, JSON.stringify([{ id: 'u-file', name: 'F' }]));
    const ownUsers = await loadPopulation({ storeFile, usersFile, fileLabel: basename });
    expect(ownUsers.users.map((u) => u.id)).toEqual(['u-file']);
    expect(ownUsers.contacts.length).toBe(22);
  });

  it('finds a scenario\'s files beside it', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'c.json'), JSON.stringify([{ id: 'a' }]));
    writeFileSync(join(dir, 'data', 'u.json'), JSON.stringify([{ id: 'u1', name: 'U' }]));
    const file = join(dir, 's.scenario.json');
    writeFileSync(file, JSON.stringify({ contactsFile: 'data/c.json', usersFile: 'data/u.json', events: [] }));
    const pop = await loadPopulation({ scenario: { file, content: readScenarioFile(file) }, fileLabel: basename });
    expect(pop.contacts.map((c) => c.id)).toEqual(['a']);
    expect(pop.users.map((u) => u.id)).toEqual(['u1']);
  });

  it('says what is wrong as a typed problem, for the CLI and the editor to word', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.scenario.json');
    writeFileSync(bad, JSON.stringify({ events: [{ at: 'tomorrow', contact: 'a', tagApplied: 'x' }] }));
    expect(await problemOf(() => readScenarioFile(join(dir, 'missing.json')))).toEqual({ kind: 'scenarioUnreadable', file: join(dir, 'missing.json'), code: 'ENOENT' });
    expect(await problemOf(() => readScenarioFile(bad))).toEqual({ kind: 'scenarioInvalid', file: bad, message: expect.stringContaining('"tomorrow" is not an ISO instant') });
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '[]');
    expect(await problemOf(loadPopulation({ contactsFile: empty, fileLabel: basename }))).toEqual({ kind: 'noContacts' });
  });
});
