/**
 * The editor's dry-run population: the chosen contacts source read by the
 * dry-run host's loader, the one `nudge simulate` uses (so the editor and
 * the CLI agree on the same files), with its problems worded for the
 * editor. Runs in the worker thread.
 */
import { basename } from 'node:path';
import { NudgeError, nudgeError } from '../../errors/nudge-error';
import {
  loadPopulation as loadFromSources,
  PopulationError,
  readScenarioFile,
  type Population,
} from '../../runtime/hosts/dry-run/population';
import type { PopulationRequest } from './worker-protocol';

/** A problem with the dry run's input files: the message names the file and the fix. */
export class DryRunInputError extends NudgeError<'NUDGE_ERR_DRY_RUN_INPUT'> {
  override name = 'DryRunInputError';
  constructor(problem: string) {
    super('NUDGE_ERR_DRY_RUN_INPUT', { problem });
  }
}

function inEditorWords(err: unknown, sourceFile: string): unknown {
  if (!(err instanceof PopulationError)) return err;
  const p = err.problem;
  if (p.kind === 'noContacts') return new DryRunInputError(`${sourceFile} holds no contacts. Add contacts to it, or choose another source with "Nudge: Choose Dry Run Contacts…".`);
  if (p.kind === 'scenarioUnreadable') return nudgeError('NUDGE_ERR_SCENARIO_FILE', { file: p.file, problem: `cannot be read (${p.code}). Check the path, or choose other contacts with "Nudge: Choose Dry Run Contacts…".` });
  return nudgeError('NUDGE_ERR_SCENARIO_FILE', { file: p.file, problem: p.message });
}

export async function loadPopulation(request: PopulationRequest): Promise<Population> {
  if (request.from === 'inline') {
    return { contacts: request.contacts, users: request.users ?? [], problems: [], badZones: new Set(), inputs: [], enrollAllAtStart: true };
  }
  const { source, usersFile } = request;
  try {
    return await loadFromSources({
      storeFile: source.kind === 'store' ? source.file : undefined,
      contactsFile: source.kind === 'contacts' ? source.file : undefined,
      usersFile,
      scenario: source.kind === 'scenario' ? { file: source.file, content: readScenarioFile(source.file) } : undefined,
      fileLabel: (file) => basename(file),
    });
  } catch (err) {
    throw inEditorWords(err, source.file);
  }
}
