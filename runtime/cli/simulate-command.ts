/**
 * `nudge simulate <file>`: the dry run (SEMANTICS §5). Enrolls the contacts
 * in every sequence of the file at --start (or follows a --scenario), runs
 * the engine on virtual time up to the horizon, and prints one JSON line
 * per step (--json) or a human timeline with counts, outbox and records.
 * Nothing is sent, and a --store file is read, never written.
 */
import { resolve } from 'node:path';
import { accountFor } from '../../dsl/check/account-config';
import type { GoalLine, TraceEvent } from '../engine/model';
import { isValidZone } from '../engine/time';
import { humanReport } from '../hosts/dry-run/report';
import { loadPopulation, PopulationError, readScenarioFile, type Population } from '../hosts/dry-run/population';
import type { Scenario } from '../hosts/dry-run/scenario';
import { simulate } from '../hosts/dry-run/simulate';
import { checkFirst } from './check-first';
import { displayPath, requireSequenceFile } from './files';
import { ProgressBar } from './progress-bar';
import { nudgeError } from '../../errors/nudge-error';
import { UsageError } from './usage-error';
import { parseCliInstant } from './parse-start';

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
  check?: boolean;
  typecheck?: boolean;
}

const DAY_MS = 86_400_000;

function parseStart(text: string | undefined, fallback: number | undefined, zone: string): number {
  if (text === undefined) return fallback ?? Math.floor(Date.now() / 60_000) * 60_000;
  return parseCliInstant('--start', text, zone);
}

function parseHorizon(opts: SimulateOptions, start: number, scenarioDays: number | undefined): number {
  if (opts.until !== undefined && opts.days !== undefined) throw new UsageError('Give --days or --until, not both.');
  if (opts.until !== undefined) {
    const ms = parseCliInstant('--until', opts.until, opts.tz);
    if (ms < start) throw new UsageError(`--until ${JSON.stringify(opts.until)} must be an ISO instant after --start.`);
    return ms;
  }
  const days = opts.days !== undefined ? Number(opts.days) : scenarioDays ?? 30;
  if (!Number.isFinite(days) || days <= 0) throw new UsageError(`--days ${JSON.stringify(opts.days)} must be a positive number of days.`);
  return start + days * DAY_MS;
}

/** The dry-run host's population problems, in the CLI's words (its flags) and the table's codes. */
function inCliWords(err: unknown): unknown {
  if (!(err instanceof PopulationError)) return err;
  const p = err.problem;
  if (p.kind === 'noContacts') return new UsageError('No contacts: pass --contacts <contacts.json>, --scenario <file> or --store <store.json>.');
  if (p.kind === 'scenarioUnreadable') return nudgeError('NUDGE_ERR_SCENARIO_FILE', { file: p.file, problem: `cannot be read (${p.code}); check the --scenario path.` });
  return nudgeError('NUDGE_ERR_SCENARIO_FILE', { file: p.file, problem: p.message });
}

function readScenario(file: string): Scenario {
  try {
    return readScenarioFile(file);
  } catch (err) {
    throw inCliWords(err);
  }
}

async function population(opts: SimulateOptions, scenario: Scenario | undefined): Promise<Population> {
  try {
    return await loadPopulation({
      storeFile: opts.store,
      contactsFile: opts.contacts,
      usersFile: opts.users,
      scenario: scenario && opts.scenario ? { file: opts.scenario, content: scenario } : undefined,
      fileLabel: (file) => displayPath(file),
    });
  } catch (err) {
    throw inCliWords(err);
  }
}

export async function simulateCommand(file: string, opts: SimulateOptions): Promise<number> {
  if (!isValidZone(opts.tz)) throw nudgeError('NUDGE_ERR_BAD_TIME_ZONE', { setting: '--tz', zone: JSON.stringify(opts.tz) });
  const scenario = opts.scenario ? readScenario(opts.scenario) : undefined;
  const start = parseStart(opts.start, scenario?.start, opts.tz);
  const checked = await checkFirst(requireSequenceFile(file), 'simulate', { check: opts.check, typecheck: opts.typecheck, tz: opts.tz, now: start });
  if (!checked.ok) return checked.exitCode;
  const { sequences } = checked;
  const { contacts, users, problems, badZones, inputs, enrollAllAtStart } = await population(opts, scenario);
  const until = parseHorizon(opts, start, scenario?.days);
  const progress = new ProgressBar(start, until);
  const writeJson = (lines: TraceEvent[]) => {
    let chunk = '';
    for (const l of lines) {
      chunk += `${JSON.stringify({ time: new Date(l.time).toISOString(), contact: l.contact, sequence: l.sequence, path: l.path, step: l.step, kind: l.kind, status: l.status, ...(l.reason !== undefined ? { reason: l.reason } : {}) })}\n`;
    }
    process.stdout.write(chunk);
  };
  const writeGoals = (lines: GoalLine[]) => {
    let chunk = '';
    for (const l of lines) {
      chunk += `${JSON.stringify({ time: new Date(l.time).toISOString(), contact: l.contact, sequence: l.sequence, kind: 'goal', goal: l.goal, cause: l.cause, ...(l.reason !== undefined ? { reason: l.reason } : {}) })}\n`;
    }
    process.stdout.write(chunk);
  };
  const result = simulate(
    { sequences, contacts, users, start, until, accountZone: opts.tz, account: accountFor(file), inputs, enrollAllAtStart },
    { collect: !opts.json, onTrace: opts.json ? writeJson : undefined, onGoals: opts.json ? writeGoals : undefined, onProgress: (t) => progress.update(t) },
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
