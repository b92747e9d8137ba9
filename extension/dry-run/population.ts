/**
 * The dry run's contacts and users, read from the chosen source the same
 * way `nudge simulate` reads --contacts, --scenario and --store (so the
 * editor and the CLI agree on the same files). Runs in the worker thread.
 * A store is opened as an in-memory copy (openStoreCopy): the file and its
 * journal are read, never written.
 */
import { readFileSync } from 'node:fs';
import { NudgeError, nudgeError } from '../../errors/nudge-error';
import { basename, dirname, resolve } from 'node:path';
import type { Contact, User } from '../../runtime/engine/model';
import { parseScenario, ScenarioError, type Scenario } from '../../runtime/hosts/dry-run/scenario';
import type { ScheduledInput } from '../../runtime/hosts/dry-run/simulate';
import { loadContactsFile, loadUsersFile } from '../../runtime/store/contact-file';
import { openStoreCopy } from '../../runtime/store/copy-store';
import type { PopulationRequest } from './worker-protocol';

export interface Population {
  contacts: Contact[];
  users: User[];
  /** Contacts-file problems, one sentence each, naming the file and record. */
  problems: string[];
  /** Contacts whose `timezone` the file check already reported (the engine's notice would repeat it). */
  badZones: Set<string>;
  /** A scenario's timed events. */
  inputs: ScheduledInput[];
  enrollAllAtStart: boolean;
}

/** A problem with the dry run's input files: the message names the file and the fix. */
export class DryRunInputError extends NudgeError<'NUDGE_ERR_DRY_RUN_INPUT'> {
  override name = 'DryRunInputError';
  constructor(problem: string) {
    super('NUDGE_ERR_DRY_RUN_INPUT', { problem });
  }
}

/** Reads and checks a scenario file; errors name the file. */
export function readScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DryRunInputError(`Scenario file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}). Check the path, or choose other contacts with "Nudge: Choose Dry Run Contacts…".`);
  }
  try {
    return parseScenario(JSON.parse(text));
  } catch (err) {
    if (err instanceof ScenarioError || err instanceof SyntaxError) throw nudgeError('NUDGE_ERR_SCENARIO_FILE', { file, problem: err.message });
    throw err;
  }
}

export async function loadPopulation(request: PopulationRequest): Promise<Population> {
  if (request.from === 'inline') {
    return { contacts: request.contacts, users: request.users ?? [], problems: [], badZones: new Set(), inputs: [], enrollAllAtStart: true };
  }
  const { source } = request;
  const problems: string[] = [];
  const badZones = new Set<string>();
  let contacts: Contact[] = [];
  let users: User[] = [];
  let inputs: ScheduledInput[] = [];
  let enrollAllAtStart = true;
  const readContacts = (file: string) => {
    const loaded = loadContactsFile(file);
    for (const p of loaded.problems) {
      if (p.contactId && p.field === 'timezone') badZones.add(p.contactId);
      problems.push(`${basename(file)} record ${p.index}${p.contactId ? ` (${p.contactId})` : ''}: ${p.message}`);
    }
    return loaded.contacts;
  };
  let usersFile = request.usersFile;
  if (source.kind === 'store') {
    const store = await openStoreCopy(source.file);
    contacts = await store.listContacts();
    users = await store.listUsers();
  } else if (source.kind === 'contacts') {
    contacts = readContacts(source.file);
  } else {
    const scenario = readScenarioFile(source.file);
    // Like the CLI: a scenario's files are relative to the scenario, and it enrolls by its own rules.
    const base = dirname(source.file);
    if (scenario.contactsFile) contacts = readContacts(resolve(base, scenario.contactsFile));
    contacts = [...contacts, ...(scenario.contacts ?? [])];
    if (!usersFile && scenario.usersFile) usersFile = resolve(base, scenario.usersFile);
    users = [...(scenario.users ?? [])];
    inputs = scenario.inputs;
    enrollAllAtStart = scenario.enrollAllAtStart;
  }
  if (usersFile) users = [...loadUsersFile(usersFile), ...users];
  if (contacts.length === 0) {
    throw new DryRunInputError(`${source.file} holds no contacts. Add contacts to it, or choose another source with "Nudge: Choose Dry Run Contacts…".`);
  }
  return { contacts, users, problems, badZones, inputs, enrollAllAtStart };
}
