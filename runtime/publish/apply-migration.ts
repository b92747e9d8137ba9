/**
 * Applies a new version to the stored enrollment states: every active
 * enrollment's positions are remapped to the new step indexes, contacts on
 * removed steps are moved, and each move or change a contact would notice
 * gets a line in its history. The caller commits the result in one store
 * batch together with the new version, so a crash leaves either the old
 * version with the old states or the new version with the new states.
 *
 * Done here rather than in the engine's `relocate` (which keeps a contact
 * on a step that no longer exists where it was): the publisher knows the old
 * version, the engine only ever sees the current one.
 */
import type { SequenceIR } from '../../dsl/ir';
import type { Enrollment } from '../engine/model';
import type { HistoryEntry } from '../store/contact-store';
import { END_OF_PATH } from './destinations';
import type { MoveEvent } from './migrate-enrollment';
import { migrateEnrollment } from './migrate-enrollment';
import { contextFor, type MigrationVersions } from './plan-migration';

export interface MigrationResult {
  /** The migrated enrollments (one per input enrollment of this sequence, in input order). */
  enrollments: Enrollment[];
  history: HistoryEntry[];
  /** Contacts with a path set running: the host must wake them at the publish instant. */
  wakeNow: string[];
}

export function applyMigration(oldIr: SequenceIR, newIr: SequenceIR, enrollments: readonly Enrollment[], v: MigrationVersions): MigrationResult {
  const ctx = contextFor(oldIr, newIr, v);
  const out: MigrationResult = { enrollments: [], history: [], wakeNow: [] };
  for (const e of enrollments) {
    if (e.sequenceId !== oldIr.id) continue;
    const { enrollment, events } = migrateEnrollment(ctx, e);
    out.enrollments.push(enrollment);
    for (const ev of events) {
      out.history.push({ time: ctx.now, contact: ev.contact, sequence: oldIr.id, path: ev.path, message: describe(ev, ctx.toVersion) });
    }
    if (enrollment.status === 'active' && enrollment.paths.some((p) => p.status === 'running')) out.wakeNow.push(enrollment.contactId);
  }
  return out;
}

function describe(ev: MoveEvent, version: number): string {
  if (ev.change === 'removed') {
    const to = ev.to === END_OF_PATH ? `the end of path ${ev.path}` : `step ${ev.to}`;
    return `moved from step ${ev.from} (removed in version ${version}) to ${to}`;
  }
  const renamed = ev.to !== ev.from ? ` (now step ${ev.to})` : '';
  if (ev.wakeUp === 'kept') {
    const when = ev.wakeAt === undefined ? '' : ` until ${new Date(ev.wakeAt).toISOString()}`;
    return `step ${ev.from} changed in version ${version}${renamed}: keeps waiting${when}, as scheduled when it got there`;
  }
  if (ev.wakeUp === 'recomputed') return `step ${ev.from} changed in version ${version}${renamed} into another kind of step: runs it again from now`;
  return `step ${ev.from} changed in version ${version}${renamed}`;
}
