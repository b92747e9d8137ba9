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
 * a goal that actually starts or stops a sequence counts as a hop, and goals past
 * the bound are reported once and not acted on, so every step that ran is
 * recorded and the contact's other work at this instant still runs.
 */
import type { Step } from '../../dsl/ir';
import type { ChargeAnswer, ChargeCard, Effect } from './effects';
import { describeGoalEvent, goalMatches, type GoalEvent } from './goals';
import type { Enrollment, GoalLine, StepStatus, TraceEvent } from './model';
import { allPathsEnded, firstDuePath, nextWakeAt } from './due-paths';
import { advance, cloneState, relocate } from './state-moves';
import { finishCharge, runActionStep, type StepRun } from './steps';
import { idempotencyKey } from './steps/step-run';
import { isTimer, timerOutcome, type TimerReached } from './timers';
import type { CompiledSequence, EngineWorld } from './world';

export type { ContactState, InstantInput, InstantResult, RunOptions, StepLine, StepSink } from './instant-types';
import type { ContactState, InstantInput, InstantResult, RunOptions, StepLine, StepSink } from './instant-types';

export function runContactInstant(
  world: EngineWorld, input: ContactState, now: number, commands: InstantInput = {}, options: RunOptions = {},
): InstantResult {
  const sink = options.sink ?? null;
  if (!options.inPlace) return new InstantRun(world, cloneState(input), now, sink).run(commands);
  // In place, the host also consumes each result before its next call, so one runner per world is reused.
  let runner = reusable.get(world);
  if (!runner) reusable.set(world, (runner = new InstantRun(world, input, now, sink)));
  else runner.reset(input, now, sink);
  return runner.run(commands);
}

const reusable = new WeakMap<EngineWorld, InstantRun>();
/** Shared empty list: an instant without commands allocates nothing for them. */
const NONE: readonly never[] = [];
const NO_FIELDS: Record<string, string> = {};

/**
 * One contact at one instant. A class rather than a nest of closures: the
 * dry run runs one per wake-up of every contact, and methods on a prototype
 * cost nothing to create. The step executors
 * get one reusable `StepRun` (they are synchronous and keep no reference).
 */
class InstantRun {
  private trace: TraceEvent[] = [];
  private effects: Effect[] = [];
  private errors: string[] = [];
  private hops = 0;
  private goalLines: GoalLine[] | undefined;
  private roundRobin: Map<string, number> | undefined;
  /** The charge that stopped this instant: once set, no further step runs. */
  private charge: ChargeCard | undefined;
  /** What the order step being run asked to charge (`StepRun.awaitCharge`). */
  private chargeAsked: { orderId: string; total: number } | undefined;
  private readonly stepRun: StepRun;
  /**
   * The step being recorded: `runPath` sets the path's fields, each step its
   * own, and `record` the outcome. One object for every step (see `StepSink`).
   */
  private readonly line: StepLine = {
    seq: undefined as never, enrollment: undefined as never, pathIndex: 0, pos: 0, step: undefined as never, time: 0, status: 'done', reason: undefined,
  };
  /** The timer being reached, one object for every timer (like `line`). */
  private readonly timerReached: TimerReached = { step: undefined as never, contact: undefined as never, reachedAt: 0, repeatAfter: undefined, customFields: {} };

  constructor(private readonly world: EngineWorld, private state: ContactState, private now: number, private sink: StepSink | null) {
    this.stepRun = {
      world, seq: undefined as never, enrollment: undefined as never, pathIndex: 0, path: undefined as never,
      step: undefined as never, contact: state.contact, now,
      emit: (effect) => { this.effects.push(effect); },
      fireGoal: (ev) => this.fireGoal(ev),
      takeTurn: (key) => this.takeTurn(key),
      awaitCharge: (orderId, total) => { this.chargeAsked = { orderId, total }; },
    };
  }

  /** Ready for another contact or instant; the previous result keeps its own arrays. */
  reset(state: ContactState, now: number, sink: StepSink | null): void {
    this.state = state;
    this.now = now;
    this.sink = sink;
    this.trace = [];
    this.effects = [];
    this.errors = [];
    this.hops = 0;
    this.goalLines = undefined;
    this.roundRobin = undefined;
    this.charge = undefined;
    this.stepRun.contact = state.contact;
    this.stepRun.now = now;
  }

  run(commands: InstantInput): InstantResult {
    const { state } = this;
    for (const answer of commands.charges ?? NONE) this.resumeCharge(answer);
    for (const id of commands.remove ?? NONE) {
      const e = this.active(id);
      if (e) this.leave(e, 'removed');
    }
    if (commands.fields) Object.assign(state.contact, commands.fields);
    for (const tag of commands.tagsApplied ?? NONE) {
      if (state.contact.tags?.includes(tag)) continue;
      state.contact.tags = [...(state.contact.tags ?? []), tag];
      this.fireGoal({ kind: 'tagApplied', tag });
    }
    for (const ev of commands.goals ?? NONE) this.fireGoal(ev);
    for (const id of commands.enroll ?? NONE) {
      const seq = this.world.byId.get(id);
      if (seq) this.enroll(seq);
      else this.errors.push(`unknown sequence ${id}`);
    }
    for (let e = this.charge ? undefined : this.nextRunnable(); e; e = this.charge ? undefined : this.nextRunnable()) {
      this.runPath(e, this.runnableSeq!, this.runnablePath);
      if (e.status === 'active' && allPathsEnded(e)) this.leave(e, 'completed');
    }
    const result: InstantResult = { state, trace: this.trace, effects: this.effects, errors: this.errors, nextWakeAt: nextWakeAt(state.enrollments) };
    if (this.goalLines) result.goals = this.goalLines;
    if (this.roundRobin) result.roundRobin = Object.fromEntries(this.roundRobin);
    if (this.charge) result.charge = this.charge;
    return result;
  }

  /**
   * The gateway answered the charge a path waits on: its order step ends
   * (record, purchase goals, trace line) and the path goes on. The order is
   * recorded even when the enrollment left while the charge was in flight:
   * the money moved. When an earlier answer stopped the instant again, the
   * path stays `running` and goes on with the next answer.
   */
  private resumeCharge(answer: ChargeAnswer): void {
    for (const e of this.state.enrollments) {
      for (let i = 0; i < e.paths.length; i++) {
        const path = e.paths[i];
        const charge = path.charge;
        if (charge?.key !== answer.key) continue;
        const seq = this.world.byId.get(e.sequenceId);
        if (!seq) { this.errors.push(`charge ${answer.key} answered for sequence ${e.sequenceId}, which is not published; it waits`); return; }
        const steps = seq.ir.paths[i].steps;
        relocate(path, steps);
        path.charge = undefined;
        path.status = 'running';
        const step = steps[path.pos];
        if (step?.kind !== 'order' || step.id !== path.stepId) {
          this.errors.push(`order step ${path.stepId} of ${e.sequenceId} is gone: its charge ${answer.key} (${answer.approved ? 'approved' : 'declined'}) is not recorded`);
          return;
        }
        // An answer at the instant of the charge continues that instant's goal chain.
        if (charge.at === this.now && charge.hops > this.hops) this.hops = charge.hops;
        const line = this.lineFor(seq, e, i);
        line.step = step;
        line.pos = path.pos;
        advance(path, steps);
        const outcome = finishCharge(this.prepareStep(seq, e, i, step) as StepRun<'order'>, charge, answer);
        this.record(this.now, outcome.status as StepStatus, outcome.reason);
        if (e.status === 'active' && !this.charge) {
          this.runPath(e, seq, i);
          if (e.status === 'active' && allPathsEnded(e)) this.leave(e, 'completed');
        }
        return;
      }
    }
  }

  private prepareStep(seq: CompiledSequence, e: Enrollment, pathIndex: number, step: Step): StepRun {
    const run = this.stepRun;
    run.seq = seq;
    run.enrollment = e;
    run.pathIndex = pathIndex;
    run.path = e.paths[pathIndex];
    run.step = step;
    return run;
  }

  /** An order step asked for a charge: the path waits on it and the instant stops, for the host to charge. */
  private stopForCharge(e: Enrollment, pos: number, step: Step): void {
    const path = this.stepRun.path;
    const asked = this.chargeAsked!;
    this.chargeAsked = undefined;
    path.pos = pos;
    path.stepId = step.id;
    path.status = 'waiting';
    path.wakeAt = undefined;
    const key = idempotencyKey(this.stepRun);
    path.charge = { key, orderId: asked.orderId, total: asked.total, at: this.now, hops: this.hops };
    this.charge = {
      type: 'chargeCard', contactId: this.state.contact.id, sequenceId: e.sequenceId, stepId: step.id, at: this.now,
      idempotencyKey: key, orderId: asked.orderId, total: asked.total,
    };
  }

  /** The round-robin turn of a step: the world's counter plus this instant's turns. */
  private takeTurn(key: string): number {
    this.roundRobin ??= new Map();
    const n = this.roundRobin.get(key) ?? this.world.roundRobin.get(key) ?? 0;
    this.roundRobin.set(key, n + 1);
    return n;
  }

  private active(seqId: string): Enrollment | undefined {
    for (const e of this.state.enrollments) if (e.sequenceId === seqId && e.status === 'active') return e;
    return undefined;
  }

  /** How many times the contact entered `seq`, or −1 when it cannot enter now (active, or `reentry: 'never'` after an entry). */
  private entriesBefore(seq: CompiledSequence): number {
    if (this.active(seq.ir.id)) return -1;
    let previous = 0;
    for (const e of this.state.enrollments) if (e.sequenceId === seq.ir.id) previous += 1;
    return previous > 0 && seq.ir.reentry === 'never' ? -1 : previous;
  }

  private enroll(seq: CompiledSequence, cause?: GoalEvent): void {
    const previous = this.entriesBefore(seq);
    if (previous < 0) return;
    const entry: Enrollment = {
      sequenceId: seq.ir.id, sequenceVersion: seq.version, contactId: this.state.contact.id,
      entry: previous + 1, enteredAt: this.now, status: 'active',
      // Every member present from the start: one hidden class for all path states (speed).
      paths: seq.ir.paths.map((p) => ({
        pos: 0, stepId: p.steps[0]?.id ?? null, status: 'running', occurrence: 0, wakeAt: undefined, skipping: false, repeat: undefined, charge: undefined,
      })),
    };
    // A sequence started by a purchase goal knows that order (`~Order.Total~`...).
    if (cause && (cause.kind === 'purchased' || cause.kind === 'purchaseFailed') && cause.order) entry.order = cause.order;
    this.state.enrollments.push(entry);
  }

  private leave(e: Enrollment, status: Enrollment['status']): void {
    e.status = status;
    e.leftAt = this.now;
  }

  /**
   * Whether a goal would actually start or stop a sequence: only those are
   * hops. An endless chain needs enrolments, so a goal whose sequence cannot
   * enrol the contact (already active, `reentry: 'never'`) is no hop.
   */
  private actsOn(ev: GoalEvent): boolean {
    return this.world.sequences.some((seq) =>
      (seq.ir.startOn.some((g) => goalMatches(g, ev)) && this.entriesBefore(seq) >= 0)
      || (!seq.ir.runsUntilComplete && seq.ir.stopOn.some((g) => goalMatches(g, ev)) && this.active(seq.ir.id) !== undefined));
  }

  /** Why the contact cannot enter `seq` now, or undefined when it can (the reasons of `entriesBefore`). */
  private cannotEnter(seq: CompiledSequence): string | undefined {
    if (this.active(seq.ir.id)) return 'already in the sequence';
    return this.entriesBefore(seq) < 0 ? "entered before and reentry is 'never'" : undefined;
  }

  private goalLine(seq: CompiledSequence, goal: GoalLine['goal'], ev: GoalEvent, reason?: string): void {
    const line: GoalLine = { time: this.now, contact: this.state.contact.id, sequence: seq.ir.id, goal, cause: describeGoalEvent(ev) };
    if (reason !== undefined) line.reason = reason;
    (this.goalLines ??= []).push(line);
  }

  /** A goal that acts on nothing may still match a startOn: say why the contact did not enter. */
  private notEnrolled(ev: GoalEvent): void {
    for (const seq of this.world.sequences) {
      if (!seq.ir.startOn.some((g) => goalMatches(g, ev))) continue;
      const why = this.cannotEnter(seq);
      if (why !== undefined) this.goalLine(seq, 'not enrolled', ev, why);
    }
  }

  private fireGoal(ev: GoalEvent): void {
    if (!this.actsOn(ev)) { this.notEnrolled(ev); return; }
    const { world } = this;
    this.hops += 1;
    if (this.hops > world.maxHops) {
      if (this.hops === world.maxHops + 1) {
        this.errors.push(`goal chain longer than ${world.maxHops} hops at this instant (${describeGoalEvent(ev)} was not acted on, nor any goal after it); check for sequences that start each other`);
      }
      return;
    }
    for (const seq of world.sequences) {
      const e = this.active(seq.ir.id);
      if (e && !seq.ir.runsUntilComplete && seq.ir.stopOn.some((g) => goalMatches(g, ev))) {
        this.leave(e, 'stopped');
        this.goalLine(seq, 'stopped', ev);
      }
    }
    for (const seq of world.sequences) {
      if (!seq.ir.startOn.some((g) => goalMatches(g, ev))) continue;
      const why = this.cannotEnter(seq);
      if (why !== undefined) { this.goalLine(seq, 'not enrolled', ev, why); continue; }
      this.enroll(seq, ev);
      this.goalLine(seq, 'entered', ev);
    }
  }

  /** Records the step of `this.line` with its outcome: to the sink, else as a trace line. */
  private record(time: number, status: StepStatus, reason?: string): void {
    const run = this.line;
    run.time = time;
    run.status = status;
    run.reason = reason;
    if (this.sink !== null) { this.sink.step(run); return; }
    const { step } = run;
    const line: TraceEvent = { time, contact: this.state.contact.id, sequence: run.enrollment.sequenceId, path: run.pathIndex, step: step.id, kind: step.kind, status, position: run.pos };
    if (reason !== undefined) line.reason = reason;
    this.trace.push(line);
  }

  /** Points `this.line` at a path of an enrollment (its step and position are set per step). */
  private lineFor(seq: CompiledSequence, e: Enrollment, pathIndex: number): StepLine {
    const line = this.line;
    line.seq = seq;
    line.enrollment = e;
    line.pathIndex = pathIndex;
    return line;
  }

  private runPath(e: Enrollment, seq: CompiledSequence, pathIndex: number): void {
    const { now } = this;
    const path = e.paths[pathIndex];
    const steps = seq.ir.paths[pathIndex].steps;
    relocate(path, steps);
    const line = this.lineFor(seq, e, pathIndex);
    while (e.status === 'active' && path.status !== 'ended') {
      if (path.pos >= steps.length) {
        if (!path.repeat) { path.status = 'ended'; path.stepId = null; break; }
        path.pos = path.repeat.pos;
        path.occurrence += 1;
      }
      const step = steps[path.pos];
      path.stepId = step.id;
      line.step = step;
      line.pos = path.pos;
      if (isTimer(step)) {
        if (path.status === 'waiting') {
          if ((path.wakeAt ?? Infinity) > now) return;
          this.record(path.wakeAt!, 'done');
          if (step.kind === 'field' && step.params.repeat === 'yearly') path.repeat = { pos: path.pos, stepId: step.id, lastFireAt: path.wakeAt! };
          path.status = 'running';
          path.skipping = false;
          path.wakeAt = undefined;
          advance(path, steps);
          continue;
        }
        const repeatingHere = path.repeat?.pos === path.pos;
        const reached = this.timerReached;
        reached.step = step;
        reached.contact = this.state.contact;
        reached.reachedAt = now;
        reached.repeatAfter = repeatingHere ? path.repeat!.lastFireAt : undefined;
        reached.customFields = seq.ir.customFields ?? NO_FIELDS;
        const outcome = timerOutcome(this.world, reached, this.errors);
        if ('skipped' in outcome) {
          this.record(now, 'skipped', outcome.skipped);
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
        this.record(now, 'skipped', 'timer skipped');
        advance(path, steps);
        continue;
      }
      const pos = path.pos;
      advance(path, steps);
      const outcome = runActionStep(this.prepareStep(seq, e, pathIndex, step));
      if (outcome.status === 'awaitingCharge') { this.stopForCharge(e, pos, step); return; }
      this.record(now, outcome.status, outcome.reason);
    }
  }

  /** Path index and sequence of the enrollment `nextRunnable` returned. */
  private runnablePath = 0;
  private runnableSeq: CompiledSequence | undefined;

  /** The enrollment with work at `now` whose sequence id sorts first (its first due path in `runnablePath`). */
  private nextRunnable(): Enrollment | undefined {
    const list = this.state.enrollments;
    let best: Enrollment | undefined;
    for (let k = 0; k < list.length; k++) {
      const e = list[k];
      if (e.status !== 'active' || (best !== undefined && e.sequenceId >= best.sequenceId)) continue;
      const i = firstDuePath(e, this.now);
      // Looked up only for an enrollment with work: the last call of an instant finds none and looks up nothing.
      const seq = i < 0 ? undefined : this.world.byId.get(e.sequenceId);
      if (seq === undefined) continue;
      best = e;
      this.runnablePath = i;
      this.runnableSeq = seq;
    }
    return best;
  }
}
