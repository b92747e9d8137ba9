/**
 * What a step executor sees: the step, the contact's working copy (steps
 * later in the same instant see its changes), and the two ways out: emit an
 * effect, fire a goal.
 */
import type { StepKind, StepOf } from '../../../dsl/ir';
import type { Effect } from '../effects';
import type { GoalEvent } from '../goals';
import type { Contact, Enrollment, PathState, StepStatus, User } from '../model';
import type { CompiledSequence, EngineWorld } from '../world';

export interface StepRun<K extends StepKind = StepKind> {
  world: EngineWorld;
  seq: CompiledSequence;
  enrollment: Enrollment;
  pathIndex: number;
  path: PathState;
  step: StepOf<K>;
  contact: Contact;
  now: number;
  emit(effect: Effect): void;
  fireGoal(event: GoalEvent): void;
  /** Round robin: this contact's turn (0, 1, 2...) at the step keyed `key`; advances it. */
  takeTurn(key: string): number;
  /** Autocharge: asks the host to charge `total` for `orderId`; the executor then returns `AWAITING_CHARGE`. */
  awaitCharge(orderId: string, total: number): void;
}

export interface StepOutcome {
  /** `awaitingCharge`: the step is not over; it ends when the gateway's answer comes back. */
  status: StepStatus | 'awaitingCharge';
  reason?: string;
}

export const DONE: StepOutcome = { status: 'done' };
export const AWAITING_CHARGE: StepOutcome = { status: 'awaitingCharge' };

/** Stable across retries and replays: sequence, version, contact, step, entry and occurrence. */
export function idempotencyKey(run: StepRun): string {
  const { seq, contact, step, enrollment, path } = run;
  return `${seq.ir.id}:v${seq.version}:${contact.id}:${step.id}:${enrollment.entry}.${path.occurrence}`;
}

/** Deterministic record id, so a dry run and a real run create the same ids. */
export function recordId(prefix: string, run: StepRun): string {
  return `${prefix}:${idempotencyKey(run)}`;
}


/** `'owner'` → the contact's owner id, else the user id as written. */
export function resolveUser(run: StepRun, ref: string): { user?: User; reason?: string } {
  const id = ref === 'owner' ? run.contact.ownerId : ref;
  if (!id) return { reason: 'contact has no owner' };
  const user = run.world.users.get(id);
  return user ? { user } : { reason: `unknown user ${id}` };
}

export type Executor<K extends StepKind> = (run: StepRun<K>) => StepOutcome;
