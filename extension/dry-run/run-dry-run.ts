/**
 * One dry run, start to finish, as the worker thread does it: read the
 * population, simulate on virtual time, build the panel's view. Separate
 * from the worker entry so it can be called directly too.
 */
import { nudgeError } from '../../errors/nudge-error';
import { isValidZone } from '../../runtime/engine/time';
import { simulate } from '../../runtime/hosts/dry-run/simulate';
import type { DryRunView } from '../protocol';
import { DryRunInputError, loadPopulation } from './population';
import { buildDryRunView } from './view-builder';
import type { DryRunRequest } from './worker-protocol';

export async function runDryRun(request: DryRunRequest, onProgress?: (fraction: number) => void): Promise<DryRunView> {
  const started = performance.now();
  if (!isValidZone(request.accountZone)) {
    throw nudgeError('NUDGE_ERR_BAD_TIME_ZONE', { setting: 'The setting nudge.accountTimeZone (empty: the machine\'s zone)', zone: JSON.stringify(request.accountZone) });
  }
  if (!(request.until > request.start)) throw new DryRunInputError('The dry run must end after it starts: give a horizon of at least one day.');
  if (request.sequences.length === 0) throw new DryRunInputError('The file exports no sequence to dry-run.');
  const population = await loadPopulation(request.population);
  const span = request.until - request.start;
  const result = simulate(
    {
      sequences: request.sequences,
      contacts: population.contacts,
      users: population.users,
      start: request.start,
      until: request.until,
      accountZone: request.accountZone,
      inputs: population.inputs,
      enrollAllAtStart: population.enrollAllAtStart,
    },
    { collect: true, onProgress: onProgress && ((t) => onProgress(Math.min(1, Math.max(0, (t - request.start) / span)))) },
  );
  return buildDryRunView(result, {
    title: request.title,
    label: request.label,
    accountZone: request.accountZone,
    contacts: population.contacts,
    start: request.start,
    until: request.until,
    problems: population.problems,
    badZones: population.badZones,
    ms: performance.now() - started,
  });
}
