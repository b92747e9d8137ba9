/**
 * Runs one non-timer step: dispatch by kind to its executor.
 */
import type { StepKind } from '../../../dsl/ir';
import { applyTag, assignOwner, removeTag, setField } from './contact-updates';
import { email, fax, letter } from './communications';
import { appointment, fulfillment, httpPost, note, opportunity, order, task } from './crm-records';
import type { Executor, StepOutcome, StepRun } from './step-run';

type ActionKind = Exclude<StepKind, 'delay' | 'date' | 'field'>;

const EXECUTORS: { [K in ActionKind]: Executor<K> } = {
  email, fax, letter, applyTag, removeTag, setField, assignOwner,
  note, task, appointment, opportunity, fulfillment, order, httpPost,
};

export function runActionStep(run: StepRun): StepOutcome {
  const exec = EXECUTORS[run.step.kind as ActionKind] as Executor<ActionKind> | undefined;
  if (!exec) throw new Error(`runActionStep called with timer step ${run.step.kind}`);
  return exec(run as StepRun<ActionKind>);
}

export { finishCharge } from './crm-records';
export type { StepRun, StepOutcome } from './step-run';
