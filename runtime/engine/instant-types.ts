/**
 * The engine's input and output shapes for one contact at one instant
 * (see run-contact.ts), kept apart so hosts can import them alone.
 */
import type { Step } from '../../dsl/ir';
import type { ChargeAnswer, ChargeCard, Effect } from './effects';
import type { GoalEvent } from './goals';
import type { Contact, Enrollment, GoalLine, StepStatus, TraceEvent } from './model';
import type { CompiledSequence } from './world';

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
  /**
   * Payment gateway answers to charges this contact's paths wait on: each
   * resumes its order step (paid or declined, its purchase goals) and the
   * rest of the contact's work at this instant, before the other commands.
   */
  charges?: ChargeAnswer[];
}

export interface InstantResult {
  state: ContactState;
  trace: TraceEvent[];
  effects: Effect[];
  /** Problems with this contact's data or goal chain; the run goes on. */
  errors: string[];
  nextWakeAt: number | null;
  /** What goals did at this instant (entered / stopped / not enrolled), present only when a goal matched a sequence. */
  goals?: GoalLine[];
  /**
   * Round-robin counters this instant advanced (new values by `sequenceId/stepId`),
   * present only when one did. The engine never changes `world.roundRobin`:
   * the host persists these and passes them back through the world.
   */
  roundRobin?: Record<string, number>;
  /**
   * Present when an order step's autocharge stopped the instant: the host
   * charges (outside the engine) and runs the contact again with the answer
   * in `InstantInput.charges`. Work of the contact not yet run at this instant
   * runs on that answer, so answered at once (the dry run) the instant is
   * exactly as if the charge had been made inline.
   */
  charge?: ChargeCard;
}

export interface RunOptions {
  /**
   * Update `input` in place instead of working on a copy. For hosts that own
   * the state and drop the old one anyway (the dry run): copying every
   * contact at every wake-up would be most of a large run's garbage.
   */
  inPlace?: boolean;
  /**
   * Receives each step run instead of the trace: `InstantResult.trace` stays
   * empty and no line object is built. For hosts that only count steps (the
   * dry run without --json): a line object per step would be garbage nobody reads.
   */
  sink?: StepSink;
}

/**
 * One step run, as the fields of its trace line (`time` is the line's time).
 * The engine hands a sink the same object for every step it records, so a
 * sink reads it during the call and keeps no reference to it.
 */
export interface StepLine {
  seq: CompiledSequence;
  enrollment: Enrollment;
  pathIndex: number;
  /** The step's position in its path. */
  pos: number;
  step: Step;
  time: number;
  status: StepStatus;
  reason: string | undefined;
}

export interface StepSink {
  step(line: Readonly<StepLine>): void;
}
