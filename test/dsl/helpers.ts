/** Small helpers for the DSL suites. */
import { sequence, type PathBuilder } from 'nudge';
import type { SequenceIR, Step } from '../../dsl/ir';

/** The IR of a one-sequence file with these paths. */
export const seqOf = (...paths: Array<PathBuilder<any>>): SequenceIR => sequence('test', { name: 'Test', paths });

/** The steps of a single path, with ids assigned. */
export const stepsOf = (path: PathBuilder<any>): Step[] => seqOf(path).paths[0].steps;

/** The only step of a single-step path, without its source position (params loosely typed, for assertions). */
export function onlyStep(path: PathBuilder<any>): Omit<Step, 'source' | 'params'> & { params: any } {
  const steps = stepsOf(path);
  if (steps.length !== 1) throw new Error(`expected one step, got ${steps.length}`);
  const { source: _source, ...rest } = steps[0];
  return rest;
}

/** The ids of every step of a sequence, path by path. */
export const idsOf = (ir: SequenceIR): string[][] => ir.paths.map((p) => p.steps.map((s) => s.id));
