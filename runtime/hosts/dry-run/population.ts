/**
 * The dry run's contacts and users, read the one way `nudge simulate` and
 * the editor's dry run share: a store file (as an in-memory copy: read,
 * never written), a contacts file, a users file and a scenario. A given
 * contacts or users file replaces the store's; a scenario's own contacts
 * and users are added after them. What goes wrong is a PopulationError
 * that each caller words for its users (the CLI names its flags, the
 * editor its commands).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Contact, User } from '../../engine/model';
import { loadContactsFile, loadUsersFile } from '../../store/contact-file';
import { openStoreCopy } from '../../store/copy-store';
import type { MemoryStore } from '../../store/memory-store';
import { emailStatusOf, statusWithSuppression } from '../../engine/email-status';
import { suppressionHash } from '../../store/suppression-hash';
import { parseScenario, ScenarioError, type Scenario } from './scenario';
import type { ScheduledInput } from './simulate';

export interface PopulationSources {
  storeFile?: string;
  contactsFile?: string;
  usersFile?: string;
  /** A scenario read with readScenarioFile; the files it names are relative to it. */
  scenario?: { file: string; content: Scenario };
  /** How a contacts file is named in a problem sentence (the CLI: relative to the working folder; the editor: its base name). */
  fileLabel: (file: string) => string;
}

export interface Population {
  contacts: Contact[];
  users: User[];
  /** Contacts-file problems, one sentence each, naming the file and record. */
  problems: string[];
  /** Contacts whose `timezone` the file check already reported (the engine's notice would repeat it). */
  badZones: Set<string>;
  /** A scenario's timed events. */
  inputs: ScheduledInput[];
  /** Without a scenario every contact is enrolled at the start; a scenario says for itself. */
  enrollAllAtStart: boolean;
}

export type PopulationProblem =
  | { kind: 'scenarioUnreadable'; file: string; /** e.g. ENOENT */ code: string }
  | { kind: 'scenarioInvalid'; file: string; message: string }
  | { kind: 'noContacts' };

/** The population cannot be read; `problem` says why, for the caller to word. */
export class PopulationError extends Error {
  override name = 'PopulationError';
  constructor(readonly problem: PopulationProblem) {
    super(problem.kind === 'noContacts' ? 'no contacts' : `scenario file ${problem.file}: ${problem.kind === 'scenarioInvalid' ? problem.message : problem.code}`);
  }
}

/** Reads and checks a scenario file. */
export function readScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PopulationError({ kind: 'scenarioUnreadable', file, code: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  try {
    return parseScenario(JSON.parse(text));
  } catch (err) {
    if (err instanceof ScenarioError || err instanceof SyntaxError) throw new PopulationError({ kind: 'scenarioInvalid', file, message: err.message });
    throw err;
  }
}

export async function loadPopulation(sources: PopulationSources): Promise<Population> {
  const { scenario } = sources;
  const problems: string[] = [];
  const badZones = new Set<string>();
  let contacts: Contact[] = [];
  let users: User[] = [];
  let store: MemoryStore | undefined;
  if (sources.storeFile) {
    store = await openStoreCopy(sources.storeFile);
    contacts = await store.listContacts();
    users = await store.listUsers();
  }
  const base = scenario ? dirname(resolve(scenario.file)) : undefined;
  const besideScenario = (file: string | undefined) => (file !== undefined && base !== undefined ? resolve(base, file) : undefined);
  const contactsFile = sources.contactsFile ?? besideScenario(scenario?.content.contactsFile);
  if (contactsFile) {
    const loaded = loadContactsFile(contactsFile);
    for (const p of loaded.problems) {
      if (p.contactId && p.field === 'timezone') badZones.add(p.contactId);
      problems.push(`${sources.fileLabel(contactsFile)} record ${p.index}${p.contactId ? ` (${p.contactId})` : ''}: ${p.message}`);
    }
    contacts = loaded.contacts;
  }
  const usersFile = sources.usersFile ?? besideScenario(scenario?.content.usersFile);
  if (usersFile) users = loadUsersFile(usersFile);
  if (scenario?.content.contacts) contacts = [...contacts, ...scenario.content.contacts];
  if (scenario?.content.users) users = [...users, ...scenario.content.users];
  if (contacts.length === 0) throw new PopulationError({ kind: 'noContacts' });
  if (store) contacts = await withSuppression(store, contacts);
  return { contacts, users, problems, badZones, inputs: scenario?.content.inputs ?? [], enrollAllAtStart: scenario ? scenario.content.enrollAllAtStart : true };
}

/**
 * The store's suppression list applied as the live host applies it when a
 * contact is created or imported: a contacts file simulated with --store
 * shows which of its people would never be mailed.
 */
async function withSuppression(store: MemoryStore, contacts: Contact[]): Promise<Contact[]> {
  if ((await store.listSuppression()).length === 0) return contacts;
  const hashes = contacts.map((c) => (typeof c.email === 'string' && c.email.trim() !== '' ? suppressionHash(c.email) : ''));
  const listed = await store.suppressed(hashes.filter((h) => h !== ''));
  return contacts.map((c, i) => {
    const entry = listed.get(hashes[i]);
    const status = statusWithSuppression(emailStatusOf(c), entry?.status);
    return status === emailStatusOf(c) ? c : { ...c, emailStatus: status };
  });
}
