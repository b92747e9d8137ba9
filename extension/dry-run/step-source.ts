/** Where a step of a dry run was written, for "click a timeline row → go to the code". Pure. */
import type { SequenceIR, SourcePos } from '../../dsl/ir';

export function findStepSource(sequences: SequenceIR[], sequenceId: string, stepId: string): SourcePos | undefined {
  const seq = sequences.find((s) => s.id === sequenceId);
  for (const path of seq?.paths ?? []) {
    const step = path.steps.find((s) => s.id === stepId);
    if (step) return step.source;
  }
  return undefined;
}
