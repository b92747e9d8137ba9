/**
 * The pure engine: everything that happens to one contact at one instant.
 *
 * Given the world, the contact's state (its record and enrollments), an
 * instant and the goals achieved at that instant, it returns the new state,
 * the trace lines, the effects (data) and the next instant it must be woken
 * at. It never reads the clock, the disk or the network; both the dry run
 * and the runtime call it, so a dry run is faithful by construction.
 *
 * Order within an instant (SEMANTICS §2.5): sequences by id, then paths by
 * index, then steps by position. A step's goals act at once (a stop goal
 * halts the rest of that sequence; a start goal enrolls, and the new
 * enrollment runs in its turn), bounded by `world.maxHops` per instant:
 * a goal that would start or stop a sequence counts as a hop, and goals past
 * the bound are reported once and not acted on, so every step that ran is
 * recorded and the contact's other work at this instant still runs.
 */
import type { Step } from '../../dsl/ir';
import type { Effect } from './effects';
import { describeGoalEvent, goalMatches, type GoalEvent } from './goals';
import { usableTags, type Contact, type Enrollment, type PathState, type TraceEvent } from './model';
import { runActionStep } from './steps';
import { isTimer, timerOutcome } from './timers';
import type { CompiledSequence, EngineWorld } from './world';

export interface ContactState {
  contact: Contact;
  enrollments: Enrollment[];
}

/** Commands from outside (the API, the dry run's enrollment of every contact). */
export interface InstantInput {
  /** Tags applied from outside (API, form, hand): added, and `tagApplied` fires when new. */
  tagsApplied?: string[];
  /** Field values written from outside (a form submission), before goals fire. */
  fields?: Record<string, unknown>;
  goals?: GoalEvent[];
  enroll?: string[];
  remove?: string[];
}

export interface InstantResult {
  state: ContactState;
  trace: TraceEvent[];
  effects: Effect[];
  /** Problems with this contact's data or goal chain; the run goes on. */
  errors: string[];
  nextWakeAt: number | null;
  /**
   * Round-robin counters this instant advanced (new values by `sequenceId/stepId`),
   * present only when one did. The engine never changes `world.roundRobin`:
   * the host persists these and passes them back through the world.
   */
  roundRobin?: Record<string, number>;
}

function cloneState(s: ContactState): ContactState {
  return {
    contact: { ...s.contact, tags: s.contact.tags === undefined ? undefined : usableTags(s.contact.tags) },
    enrollments: s.enrollments.map((e) => ({ ...e, paths: e.paths.map((p) => ({ ...p })) })),
  };
}

export interface RunOptions {
  /**
   * Update `input` in place instead of working on a copy. For hosts that own
   * the state and drop the old one anyway (the dry run): copying every
   * contact at every wake-up is most of the garbage of a million-contact run.
   */
  inPlace?: boolean;
}

/** Moves a path to its next step, keeping `stepId` in step with `pos`. */
function advance(path: PathState, steps: Step[]): void {
  path.pos += 1;
  path.stepId = steps[path.pos]?.id ?? null;
}

/**
 * Progress is keyed by step id (SEMANTICS §1): when the sequence was edited
 * since the contact got here, find its step (and the yearly timer it returns
 * to) by id. A step that no longer exists leaves the position as it was.
 */
function relocate(path: PathState, steps: Step[]): void {
  if (path.stepId && steps[path.pos]?.id !== path.stepId) {
    const at = steps.findIndex((s) => s.id === path.stepId);
    if (at >= 0) path.pos = at;
  }
  const back = path.repeat;
  if (back?.stepId && steps[back.pos]?.id !== back.stepId) {
    const at = steps.findIndex((s) => s.id === back.stepId);
    if (at >= 0) path.repeat = { ...back, pos: at };
  }
}

export function runContactInstant(
  world: EngineWorld, input: ContactState, now: number, commands: InstantInput = {}, options: RunOptions = {},
): InstantResult {
  const state = options.inPlace ? input : cloneState(input);
  const trace: TraceEvent[] = [];
  const effects: Effect[] = [];
  const errors: string[] = [];
  let hops = 0;
  let roundRobin: Map<string, number> | undefined;

  /** The round-robin turn of a step: the world's counter plus this instant's turns. */
  const takeTurn = (key: string): number => {
    roundRobin ??= new Map();
    const n = roundRobin.get(key) ?? world.roundRobin.get(key) ?? 0;
    roundRobin.set(key, n + 1);
    return n;
  };

  const active = (seqId: string) => state.enrollments.find((e) => e.sequenceId === seqId && e.status === 'active');

  const enroll = (seq: CompiledSequence, cause?: GoalEvent): void => {
    if (active(seq.ir.id)) return;
    const previous = state.enrollments.filter((e) => e.sequenceId === seq.ir.id);
    if (previous.length > 0 && seq.ir.reentry === 'never') return;
    const entry: Enrollment = {
      sequenceId: seq.ir.id, sequenceVersion: seq.version, contactId: state.contact.id,
      entry: previous.length + 1, enteredAt: now, status: 'active',
      // Every member present from the start: one hidden class for all path states (speed).
      paths: seq.ir.paths.map((p) => ({
        pos: 0, stepId: p.steps[0]?.id ?? null, status: 'running', occurrence: 0, wakeAt: undefined, skipping: false, repeat: undefined,
      })),
    };
    // A sequence started by a purchase goal knows that order (`~Order.Total~`...).
    if (cause && (cause.kind === 'purchased' || cause.kind === 'purchaseFailed') && cause.order) entry.order = cause.order;
    state.enrollments.push(entry);
  };

  const leave = (e: Enrollment, status: Enrollment['status']): void => {
    e.status = status;
    e.leftAt = now;
  };

  /** Whether a goal would start or stop anything: only those are hops of a chain. */
  const actsOn = (ev: GoalEvent): boolean => world.sequences.some((seq) =>
    seq.ir.startOn.some((g) => goalMatches(g, ev))
    || (!seq.ir.runsUntilComplete && seq.ir.stopOn.some((g) => goalMatches(g, ev)) && active(seq.ir.id) !== undefined));

  const fireGoal = (ev: GoalEvent): void => {
    if (!actsOn(ev)) return;
    hops += 1;
    if (hops > world.maxHops) {
      if (hops === world.maxHops + 1) {
        errors.push(`goal chain longer than ${world.maxHops} hops at this instant (${describeGoalEvent(ev)} was not acted on, nor any goal after it); check for sequences that start each other`);
      }
      return;
    }
    for (const seq of world.sequences) {
      const e = active(seq.ir.id);
      if (e && !seq.ir.runsUntilComplete && seq.ir.stopOn.some((g) => goalMatches(g, ev))) leave(e, 'stopped');
    }
    for (const seq of world.sequences) {
      if (seq.ir.startOn.some((g) => goalMatches(g, ev))) enroll(seq, ev);
    }
  };

  const record = (e: Enrollment, pathIndex: number, pos: number, step: Step, time: number, status: TraceEvent['status'], reason?: string) => {
    const line: TraceEvent = { time, contact: state.contact.id, sequence: e.sequenceId, path: pathIndex, step: step.id, kind: step.kind, status, position: pos };
    if (reason !== undefined) line.reason = reason;
    trace.push(line);
  };

  const runPath = (e: Enrollment, seq: CompiledSequence, pathIndex: number, path: PathState): void => {
    const steps = seq.ir.paths[pathIndex].steps;
    relocate(path, steps);
    while (e.status === 'active' && path.status !== 'ended') {
      if (path.pos >= steps.length) {
        if (!path.repeat) { path.status = 'ended'; path.stepId = null; break; }
        path.pos = path.repeat.pos;
        path.occurrence += 1;
      }
      const step = steps[path.pos];
      path.stepId = step.id;
      if (isTimer(step)) {
        if (path.status === 'waiting') {
          if ((path.wakeAt ?? Infinity) > now) return;
          record(e, pathIndex, path.pos, step, path.wakeAt!, 'done');
          if (step.kind === 'field' && step.params.repeat === 'yearly') path.repeat = { pos: path.pos, stepId: step.id, lastFireAt: path.wakeAt! };
          path.status = 'running';
          path.skipping = false;
          path.wakeAt = undefined;
          advance(path, steps);
          continue;
        }
        const repeatingHere = path.repeat?.pos === path.pos;
        const outcome = timerOutcome(step, state.contact, now, world, repeatingHere ? path.repeat!.lastFireAt : undefined, errors, seq.ir.customFields);
        if ('skipped' in outcome) {
          record(e, pathIndex, path.pos, step, now, 'skipped', outcome.skipped);
          if (repeatingHere) path.repeat = undefined;
          path.skipping = true;
          advance(path, steps);
          continue;
        }
        path.status = 'waiting';
        path.wakeAt = outcome.fireAt;
        continue;
      }
      if (path.skipping) {
        record(e, pathIndex, path.pos, step, now, 'skipped', 'timer skipped');
        advance(path, steps);
        continue;
      }
      const pos = path.pos;
      advance(path, steps);
      const outcome = runActionStep({
        world, seq, enrollment: e, pathIndex, path, step, contact: state.contact, now,
        emit: (effect) => effects.push(effect),
        fireGoal,
        takeTurn,
      });
      record(e, pathIndex, pos, step, now, outcome.status, outcome.reason);
    }
  };

  /** The next path with work at `now`, in the deterministic order. */
  const nextRunnable = (): [Enrollment, CompiledSequence, number, PathState] | undefined => {
    let best: [Enrollment, CompiledSequence, number, PathState] | undefined;
    for (const e of state.enrollments) {
      if (e.status !== 'active') continue;
      const seq = world.byId.get(e.sequenceId);
      if (!seq) continue;
      for (let i = 0; i < e.paths.length; i++) {
        const p = e.paths[i];
        const due = p.status === 'running' || (p.status === 'waiting' && (p.wakeAt ?? Infinity) <= now);
        if (!due) continue;
        if (!best || e.sequenceId < best[0].sequenceId || (e.sequenceId === best[0].sequenceId && i < best[2])) best = [e, seq, i, p];
        break;
      }
    }
    return best;
  };

  for (const id of commands.remove ?? []) {
    const e = active(id);
    if (e) leave(e, 'removed');
  }
  if (commands.fields) Object.assign(state.contact, commands.fields);
  for (const tag of commands.tagsApplied ?? []) {
    if (state.contact.tags?.includes(tag)) continue;
    state.contact.tags = [...(state.contact.tags ?? []), tag];
    fireGoal({ kind: 'tagApplied', tag });
  }
  for (const ev of commands.goals ?? []) fireGoal(ev);
  for (const id of commands.enroll ?? []) {
    const seq = world.byId.get(id);
    if (seq) enroll(seq);
    else errors.push(`unknown sequence ${id}`);
  }
  for (let r = nextRunnable(); r; r = nextRunnable()) {
    const [e, seq, i, p] = r;
    runPath(e, seq, i, p);
    if (e.status === 'active' && e.paths.every((x) => x.status === 'ended')) leave(e, 'completed');
  }

  let nextWakeAt: number | null = null;
  for (const e of state.enrollments) {
    if (e.status !== 'active') continue;
    for (const p of e.paths) {
      if (p.status === 'waiting' && p.wakeAt !== undefined && (nextWakeAt === null || p.wakeAt < nextWakeAt)) nextWakeAt = p.wakeAt;
    }
  }
  const result: InstantResult = { state, trace, effects, errors, nextWakeAt };
  if (roundRobin) result.roundRobin = Object.fromEntries(roundRobin);
  return result;
}
