/**
 * `nudge simulate <file>`: the dry run (SEMANTICS §5). Enrolls the contacts
 * in every sequence of the file at --start (or follows a --scenario), runs
 * the engine on virtual time up to the horizon, and prints one JSON line
 * per step (--json) or a human timeline with counts, outbox and records.
 * Nothing is sent, and a --store file is read, never written.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadSequenceFile } from '../../dsl/loader/load';
import type { Contact, TraceEvent, User } from '../engine/model';
import { isValidZone } from '../engine/time';
import { humanReport } from '../hosts/dry-run/report';
import { parseScenario, ScenarioError, type Scenario } from '../hosts/dry-run/scenario';
import { simulate, type ScheduledInput } from '../hosts/dry-run/simulate';
import { loadContactsFile, loadUsersFile } from '../store/contact-file';
import { openStoreCopy } from '../store/copy-store';
import { displayPath } from './files';
import { ProgressBar } from './progress-bar';
import { nudgeError } from '../../errors/nudge-error';
import { UsageError } from './usage-error';

export interface SimulateOptions {
  contacts?: string;
  users?: string;
  scenario?: string;
  store?: string;
  start?: string;
  days?: string;
  until?: string;
  tz: string;
  json?: boolean;
}

const DAY_MS = 86_400_000;

function parseStart(text: string | undefined, fallback: number | undefined): number {
  if (text === undefined) return fallback ?? Math.floor(Date.now() / 60_000) * 60_000;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw nudgeError('NUDGE_ERR_BAD_INSTANT', { setting: '--start', value: JSON.stringify(text) });
  return ms;
}

function parseHorizon(opts: SimulateOptions, start: number, scenarioDays: number | undefined): number {
  if (opts.until !== undefined && opts.days !== undefined) throw new UsageError('Give --days or --until, not both.');
  if (opts.until !== undefined) {
    const ms = Date.parse(opts.until);
    if (Number.isNaN(ms) || ms < start) throw new UsageError(`--until ${JSON.stringify(opts.until)} must be an ISO instant after --start.`);
    return ms;
  }
  const days = opts.days !== undefined ? Number(opts.days) : scenarioDays ?? 30;
  if (!Number.isFinite(days) || days <= 0) throw new UsageError(`--days ${JSON.stringify(opts.days)} must be a positive number of days.`);
  return start + days * DAY_MS;
}

function readScenario(file: string): Scenario {
  try {
    return parseScenario(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    if (err instanceof ScenarioError || err instanceof SyntaxError) throw nudgeError('NUDGE_ERR_SCENARIO_FILE', { file, problem: err.message });
    throw err;
  }
}

interface Population { contacts: Contact[]; users: User[]; problems: string[]; badZones: Set<string> }

async function population(opts: SimulateOptions, scenario: Scenario | undefined): Promise<Population> {
  const problems: string[] = [];
  const badZones = new Set<string>();
  const report = (list: Array<{ contactId?: string; index: number; field?: string; message: string }>, file: string) => {
    for (const p of list) if (p.contactId && p.field === 'timezone') badZones.add(p.contactId);
    problems.push(...list.map((p) => `${displayPath(file)} record ${p.index}${p.contactId ? ` (${p.contactId})` : ''}: ${p.message}`));
  };
  let contacts: Contact[] = [];
  let users: User[] = [];
  if (opts.store) {
    const store = await openStoreCopy(opts.store);
    contacts = await store.listContacts();
    users = await store.listUsers();
  }
  const base = scenario && opts.scenario ? dirname(resolve(opts.scenario)) : process.cwd();
  const contactsFile = opts.contacts ?? (scenario?.contactsFile ? resolve(base, scenario.contactsFile) : undefined);
  if (contactsFile) {
    const loaded = loadContactsFile(contactsFile);
    report(loaded.problems, contactsFile);
    contacts = loaded.contacts;
  }
  if (scenario?.contacts) contacts = [...contacts, ...scenario.contacts];
  const usersFile = opts.users ?? (scenario?.usersFile ? resolve(base, scenario.usersFile) : undefined);
  if (usersFile) users = loadUsersFile(usersFile);
  if (scenario?.users) users = [...users, ...scenario.users];
  if (contacts.length === 0) throw new UsageError('No contacts: pass --contacts <contacts.json>, --scenario <file> or --store <store.json>.');
  return { contacts, users, problems, badZones };
}

export async function simulateCommand(file: string, opts: SimulateOptions): Promise<number> {
  if (!isValidZone(opts.tz)) throw nudgeError('NUDGE_ERR_BAD_TIME_ZONE', { setting: '--tz', zone: JSON.stringify(opts.tz) });
  const scenario = opts.scenario ? readScenario(opts.scenario) : undefined;
  const sequences = (await loadSequenceFile(file)).map((l) => l.ir);
  const { contacts, users, problems, badZones } = await population(opts, scenario);
  const start = parseStart(opts.start, scenario?.start);
  const until = parseHorizon(opts, start, scenario?.days);
  const inputs: ScheduledInput[] = scenario?.inputs ?? [];
  const progress = new ProgressBar(start, until);
  const writeJson = (lines: TraceEvent[]) => {
    let chunk = '';
    for (const l of lines) {
      chunk += `${JSON.stringify({ time: new Date(l.time).toISOString(), contact: l.contact, sequence: l.sequence, path: l.path, step: l.step, kind: l.kind, status: l.status, ...(l.reason !== undefined ? { reason: l.reason } : {}) })}\n`;
    }
    process.stdout.write(chunk);
  };
  const result = simulate(
    { sequences, contacts, users, start, until, accountZone: opts.tz, inputs, enrollAllAtStart: scenario ? scenario.enrollAllAtStart : true },
    { collect: !opts.json, onTrace: opts.json ? writeJson : undefined, onProgress: (t) => progress.update(t) },
  );
  progress.done();
  for (const p of problems) process.stderr.write(`warning: ${p}\n`);
  for (const e of result.errors) {
    // The contacts file check already named a bad zone; the engine's fallback notice would repeat it.
    if (badZones.has(e.contactId) && e.message.startsWith('time zone ')) continue;
    process.stderr.write(`warning: contact ${e.contactId}: ${e.message}\n`);
  }
  if (!opts.json) {
    process.stdout.write(humanReport(result, { title: `Dry run of ${displayPath(resolve(file))}`, accountZone: opts.tz, contacts, start, until }));
  }
  return 0;
}
