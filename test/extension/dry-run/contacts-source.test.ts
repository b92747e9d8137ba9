/**
 * The three contacts sources resolve and load as `nudge simulate` loads
 * them; a store is read as a copy and never modified.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifySource, populationRequest, resolveSettingPath, scenarioDefaults, sourceOf, usersFileFor } from '../../../extension/dry-run/contacts-source';
import { loadPopulation } from '../../../extension/dry-run/population';
import { runDryRun } from '../../../extension/dry-run/run-dry-run';
import { seedStoreFromFiles } from '../../../runtime/store/contact-file';
import { LowdbStore } from '../../../runtime/store/lowdb-store';
import { CONTACTS_FILE, DAY, leadWelcome, START, USERS_FILE } from './fixtures';

const tmp = () => mkdtempSync(join(tmpdir(), 'nudge-dry-src-'));

describe('contacts source resolution', () => {
  it('classifies by name, then by content', () => {
    const dir = tmp();
    const write = (name: string, text: string) => { const f = join(dir, name); writeFileSync(f, text); return f; };
    expect(classifySource(CONTACTS_FILE)).toBe('contacts');
    expect(classifySource(write('launch.scenario.json', '{}'))).toBe('scenario');
    mkdirSync(join(dir, '.nudge'));
    expect(classifySource(write('.nudge/anything.json', '{}'))).toBe('store');
    expect(classifySource(write('people.json', ' \n[{"id":"a"}]'))).toBe('contacts');
    expect(classifySource(write('backup.json', '{ "schemaVersion": 1, "contacts": [] }'))).toBe('store');
    expect(classifySource(write('events.json', '{ "events": [] }'))).toBe('scenario');
  });

  it('resolves setting paths against the workspace folder', () => {
    expect(resolveSettingPath('', '/ws')).toBeUndefined();
    expect(resolveSettingPath(' samples/contacts.json ', '/ws')).toBe('/ws/samples/contacts.json');
    expect(resolveSettingPath('/abs/c.json', undefined)).toBe('/abs/c.json');
  });

  it('loads a contacts.json with the users.json beside it', async () => {
    const source = sourceOf(CONTACTS_FILE);
    expect(usersFileFor(source, undefined)).toBe(USERS_FILE);
    expect(usersFileFor(source, '/x/users.json')).toBe('/x/users.json');
    const pop = await loadPopulation(populationRequest(source, undefined));
    expect(pop.contacts.length).toBeGreaterThan(10);
    expect(pop.users.map((u) => u.id)).toContain('u-ann');
    expect(pop.enrollAllAtStart).toBe(true);
  });

  it('loads a scenario: its contacts file relative to it, its events, its start, and no enrolment at the start', async () => {
    const dir = tmp();
    copyFileSync(CONTACTS_FILE, join(dir, 'contacts.json'));
    copyFileSync(USERS_FILE, join(dir, 'users.json'));
    const file = join(dir, 'signup.scenario.json');
    writeFileSync(file, JSON.stringify({
      start: '2026-12-01T14:00:00Z', days: 5, contactsFile: 'contacts.json', usersFile: 'users.json',
      events: [{ at: '2026-12-01T15:00:00Z', contact: 'c01', formSubmitted: 'newsletter-signup' }],
    }));
    const source = sourceOf(file);
    expect(source.kind).toBe('scenario');
    expect(scenarioDefaults(source)).toEqual({ start: START, days: 5 });
    const pop = await loadPopulation(populationRequest(source, undefined));
    expect(pop.enrollAllAtStart).toBe(false);
    expect(pop.inputs).toHaveLength(1);
    expect(pop.users.length).toBeGreaterThan(0);
    // Only the contact whose form arrives is enrolled (the sequence starts on that form).
    const view = await runDryRun({ title: 't', sequences: await leadWelcome(), population: populationRequest(source, undefined), start: START, until: START + 5 * DAY, accountZone: 'America/New_York' });
    expect(new Set(view.timeline.map((r) => r.contact))).toEqual(new Set(['c01']));
    expect(view.timeline[0].utc).toBe('2026-12-01T15:00:00.000Z');
  });

  it('names the scenario file and the mistake when a scenario is wrong', async () => {
    const file = join(tmp(), 'bad.scenario.json');
    writeFileSync(file, JSON.stringify({ contacts: [{ id: 'a' }], events: [{ at: 'tomorrow', contact: 'a', tagApplied: 'x' }] }));
    await expect(loadPopulation(populationRequest(sourceOf(file), undefined))).rejects.toThrow(/^Scenario file .*bad\.scenario\.json: .*"tomorrow" is not an ISO instant/);
    expect(scenarioDefaults(sourceOf(file))).toEqual({});
  });

  it('reads a lowdb store as a copy: same journeys as its contacts file, file bytes and mtime untouched', async () => {
    const dir = join(tmp(), '.nudge');
    mkdirSync(dir);
    const file = join(dir, 'store.json');
    const store = await LowdbStore.open(file);
    await seedStoreFromFiles(store, CONTACTS_FILE, USERS_FILE);
    await store.flush();
    await store.close();
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const source = sourceOf(file);
    expect(source.kind).toBe('store');
    expect(populationRequest(source, undefined)).toEqual({ from: 'files', source });
    const base = { title: 't', sequences: await leadWelcome(), start: START, until: START + 10 * DAY, accountZone: 'America/New_York' };
    const fromStore = await runDryRun({ ...base, population: populationRequest(source, undefined) });
    const fromFile = await runDryRun({ ...base, population: populationRequest(sourceOf(CONTACTS_FILE), undefined) });
    expect(fromStore.timeline).toEqual(fromFile.timeline);
    expect(fromStore.outbox).toEqual(fromFile.outbox);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('says which file holds no contacts and how to choose another', async () => {
    const file = join(tmp(), 'contacts.json');
    writeFileSync(file, '[]');
    await expect(loadPopulation(populationRequest(sourceOf(file), undefined))).rejects.toThrow(/contacts\.json holds no contacts\. .*Choose Dry Run Contacts/);
  });
});
