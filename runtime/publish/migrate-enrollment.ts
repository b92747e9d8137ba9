/**
 * Moves one enrollment's path states from the old version of its sequence
 * to the new one. The impact report (`planMigration`) and the change itself
 * (`applyMigration`) both come from this one function, so the numbers shown
 * before publishing are, by construction, what publishing does.
 *
 * Rules (docs: runtime/publish/README.md):
 * - kept step: same place, index remapped;
 * - changed step: same place; a contact waiting on a changed timer keeps the
 *   wake-up computed when it reached the timer (Keap: a timer edit applies to
 *   contacts who reach it afterwards), unless the timer became another kind
 *   of step, in which case it runs that step again from the publish instant;
 * - removed step: next surviving step (running at the publish instant), or
 *   the end of the path;
 * - removed path: the contact's state on it is dropped (path finished);
 * - added path: contacts in flight have already started, so it is ended
 *   for them (new contacts take it);
 * - a removed yearly timer a path returns to: the path no longer returns.
 */
import type { SequenceIR } from '../../dsl/ir';
import { TIMER_KINDS } from '../../dsl/ir';
import type { Enrollment, PathState } from '../engine/model';
import type { SequenceDiff } from './diff-sequences';
import { END_OF_PATH, pathDestinations, type Destination } from './destinations';

export interface MoveEvent {
  contact: string;
  path: number;
  /** The old step id the contact stood on. */
  from: string;
  change: 'removed' | 'changed';
  /** New step id, or `'end of path'`. */
  to: string;
  /** For a contact waiting on a changed timer: whether its wake-up stays or is computed again. */
  wakeUp?: 'kept' | 'recomputed';
  /** The wake-up kept (changed timers). */
  wakeAt?: number;
}

export interface MigrationContext {
  oldIr: SequenceIR;
  newIr: SequenceIR;
  diff: SequenceDiff;
  destinations: Array<Map<string, Destination>>;
  now: number;
  toVersion: number;
}

export function migrationContext({ oldIr, newIr, diff, now, toVersion }: Omit<MigrationContext, 'destinations'>): MigrationContext {
  const destinations = diff.paths.map((p) => pathDestinations(p, oldIr.paths[p.index], newIr.paths[p.index]));
  return { oldIr, newIr, diff, destinations, now, toVersion };
}

const isTimerKind = (kind: string | undefined) => (TIMER_KINDS as readonly string[]).includes(kind ?? '');

export interface MigratedEnrollment {
  enrollment: Enrollment;
  events: MoveEvent[];
  /** Yearly timers a path will no longer return to (step ids). */
  lostReturns: Array<{ path: number; stepId: string }>;
}

/** Returns a migrated copy; enrollments that are not active are returned as they are. */
export function migrateEnrollment(ctx: MigrationContext, input: Enrollment): MigratedEnrollment {
  if (input.status !== 'active') return { enrollment: input, events: [], lostReturns: [] };
  const e: Enrollment = { ...input, sequenceVersion: ctx.toVersion, paths: [] };
  const events: MoveEvent[] = [];
  const lostReturns: MigratedEnrollment['lostReturns'] = [];
  const newCount = ctx.newIr.paths.length;
  for (let i = 0; i < Math.max(input.paths.length, newCount); i++) {
    const old = input.paths[i];
    if (!old) {
      // A start path added in this version: contacts in flight have passed the start.
      e.paths.push({ pos: ctx.newIr.paths[i].steps.length, stepId: null, status: 'ended', occurrence: 0, wakeAt: undefined, skipping: false, repeat: undefined });
      continue;
    }
    const path: PathState = { ...old };
    const at = standingOn(ctx, i, old);
    if (i >= newCount) {
      if (at !== undefined) events.push({ contact: e.contactId, path: i, from: at, change: 'removed', to: END_OF_PATH });
      continue; // the path state is dropped with its path
    }
    if (at !== undefined) moveStanding(ctx, { pathIndex: i, path, at, events, contact: e.contactId });
    remapReturn(ctx, i, path, lostReturns);
    e.paths.push(path);
  }
  if (e.paths.every((p) => p.status === 'ended')) {
    e.status = 'completed';
    e.leftAt = ctx.now;
  }
  return { enrollment: e, events, lostReturns };
}

/** The old step a running or waiting path stands on. */
function standingOn(ctx: MigrationContext, i: number, path: PathState): string | undefined {
  if (path.status === 'ended') return undefined;
  const steps = ctx.oldIr.paths[i]?.steps ?? [];
  const id = path.stepId ?? steps[path.pos]?.id;
  return id !== undefined && ctx.destinations[i]?.has(id) ? id : undefined;
}

/** One contact's path standing on step `at`: where it goes in the new version, with its move event. */
interface Standing { pathIndex: number; path: PathState; at: string; events: MoveEvent[]; contact: string }

function moveStanding(ctx: MigrationContext, { pathIndex: i, path, at, events, contact }: Standing): void {
  const dest = ctx.destinations[i].get(at)!;
  const restart = (pos: number, stepId: string | null) => {
    path.pos = pos;
    path.stepId = stepId;
    path.status = 'running'; // the host wakes it at the publish instant
    path.wakeAt = undefined;
    path.skipping = false;
  };
  if (dest.kind === 'stay') {
    path.pos = dest.pos;
    path.stepId = dest.stepId;
    if (!ctx.diff.paths[i].changed.includes(at)) return;
    const oldKind = ctx.oldIr.paths[i].steps.find((s) => s.id === at)?.kind;
    const newKind = ctx.newIr.paths[i].steps[dest.pos].kind;
    const event: MoveEvent = { contact, path: i, from: at, change: 'changed', to: dest.stepId };
    if (path.status === 'waiting') {
      if (isTimerKind(oldKind) && oldKind === newKind) {
        event.wakeUp = 'kept';
        event.wakeAt = path.wakeAt;
      } else {
        event.wakeUp = 'recomputed';
        restart(dest.pos, dest.stepId);
      }
    }
    events.push(event);
    return;
  }
  if (dest.kind === 'move') restart(dest.pos, dest.stepId);
  else restart(dest.pos, null);
  events.push({ contact, path: i, from: at, change: 'removed', to: dest.kind === 'move' ? dest.stepId : END_OF_PATH });
}

/** The yearly timer a path goes back to, found by id in the new version, or forgotten. */
function remapReturn(ctx: MigrationContext, i: number, path: PathState, lost: MigratedEnrollment['lostReturns']): void {
  const back = path.repeat;
  if (!back) return;
  const id = back.stepId ?? ctx.oldIr.paths[i].steps[back.pos]?.id;
  const dest = id === undefined ? undefined : ctx.destinations[i].get(id);
  if (dest?.kind === 'stay') path.repeat = { ...back, pos: dest.pos, stepId: dest.stepId };
  else {
    path.repeat = undefined;
    if (id !== undefined) lost.push({ path: i, stepId: id });
  }
}
