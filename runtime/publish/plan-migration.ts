/**
 * The impact report: before a new version is published, how many contacts
 * sit on each removed or changed step and where they will go. Computed by
 * running the migration itself on copies (see migrate-enrollment.ts).
 *
 * @example
 *   const report = planMigration(oldIr, newIr, await store.enrollmentsInSequence(oldIr.id), { fromVersion: 3 });
 *   console.log(formatImpact(report));
 */
import type { SequenceIR } from '../../dsl/ir';
import type { Enrollment } from '../engine/model';
import { diffSequences, type SequenceDiff } from './diff-sequences';
import { END_OF_PATH } from './destinations';
import { migrateEnrollment, migrationContext, type MigrationContext } from './migrate-enrollment';

export interface StepImpact {
  stepId: string;
  path: number;
  change: 'removed' | 'changed';
  /** Contacts standing on this step now (waiting on it, or about to run it). */
  contacts: number;
  /** Where they go: a step id of the new version, or `'end of path'`. */
  movesTo: string;
  /** Changed timers: contacts already waiting keep their wake-up ('kept') or run the step again ('recomputed'). */
  wakeUp?: 'kept' | 'recomputed';
  /** Contacts whose path returned to this (removed) yearly timer and now will not. */
  loseYearlyReturn?: number;
}

export interface ImpactReport {
  sequenceId: string;
  fromVersion: number;
  toVersion: number;
  diff: SequenceDiff;
  /** One line per removed or changed step, in path and old step order (also those with no contacts). */
  steps: StepImpact[];
  /** Active enrollments of the sequence. */
  inFlight: number;
  /** Of which some path stands on a removed or changed step. */
  affected: number;
  unaffected: number;
  /** Contacts whose every remaining path ends with this version: they complete the sequence. */
  completing: number;
}

export interface MigrationVersions {
  fromVersion: number;
  /** Default `fromVersion + 1`. */
  toVersion?: number;
  /** The publish instant. Default: now. */
  now?: number;
}

export function contextFor(oldIr: SequenceIR, newIr: SequenceIR, v: MigrationVersions): MigrationContext {
  const toVersion = v.toVersion ?? v.fromVersion + 1;
  return migrationContext({ oldIr, newIr, diff: diffSequences(oldIr, newIr), now: v.now ?? Date.now(), toVersion });
}

export function planMigration(oldIr: SequenceIR, newIr: SequenceIR, enrollments: readonly Enrollment[], v: MigrationVersions = { fromVersion: 1 }): ImpactReport {
  const ctx = contextFor(oldIr, newIr, v);
  const lines = new Map<string, StepImpact>();
  for (const p of ctx.diff.paths) {
    const changes: Array<[string, 'removed' | 'changed']> = [
      ...p.removed.map((id) => [id, 'removed'] as [string, 'removed']),
      ...p.changed.map((id) => [id, 'changed'] as [string, 'changed']),
    ];
    const order = new Map((oldIr.paths[p.index]?.steps ?? []).map((s, i) => [s.id, i]));
    changes.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
    for (const [stepId, change] of changes) {
      const dest = ctx.destinations[p.index].get(stepId)!;
      const movesTo = dest.kind === 'end' || p.pathRemoved ? END_OF_PATH : dest.stepId;
      lines.set(`${p.index}:${stepId}`, { stepId, path: p.index, change, contacts: 0, movesTo });
    }
  }
  let inFlight = 0;
  let affected = 0;
  let completing = 0;
  for (const e of enrollments) {
    if (e.status !== 'active' || e.sequenceId !== oldIr.id) continue;
    inFlight += 1;
    const { enrollment, events, lostReturns } = migrateEnrollment(ctx, e);
    if (events.length > 0) affected += 1;
    if (enrollment.status === 'completed') completing += 1;
    for (const ev of events) {
      const line = lines.get(`${ev.path}:${ev.from}`)!;
      line.contacts += 1;
      if (ev.wakeUp) line.wakeUp = line.wakeUp && line.wakeUp !== ev.wakeUp ? 'recomputed' : ev.wakeUp;
    }
    for (const r of lostReturns) {
      const line = lines.get(`${r.path}:${r.stepId}`);
      if (line) line.loseYearlyReturn = (line.loseYearlyReturn ?? 0) + 1;
    }
  }
  return {
    sequenceId: newIr.id, fromVersion: v.fromVersion, toVersion: ctx.toVersion, diff: ctx.diff,
    steps: [...lines.values()], inFlight, affected, unaffected: inFlight - affected, completing,
  };
}
