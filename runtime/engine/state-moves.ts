/**
 * How the instant runner (run-contact.ts) copies a contact's state and moves
 * a path along its steps; apart so that each file stays readable.
 */
import type { Step } from '../../dsl/ir';
import { usableTags, type PathState } from './model';
import type { ContactState } from './run-contact';

/** A copy the runner may change: the caller's state stays as it was (the engine is pure). */
export function cloneState(s: ContactState): ContactState {
  return {
    contact: { ...s.contact, tags: s.contact.tags === undefined ? undefined : usableTags(s.contact.tags) },
    enrollments: s.enrollments.map((e) => ({ ...e, paths: e.paths.map((p) => ({ ...p })) })),
  };
}

/** Moves a path to its next step, keeping `stepId` in step with `pos`. */
export function advance(path: PathState, steps: Step[]): void {
  path.pos += 1;
  path.stepId = steps[path.pos]?.id ?? null;
}

/**
 * Progress is keyed by step id (SEMANTICS §1): when the sequence was edited
 * since the contact got here, find its step (and the yearly timer it returns
 * to) by id. A step that no longer exists leaves the position as it was.
 */
export function relocate(path: PathState, steps: Step[]): void {
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
