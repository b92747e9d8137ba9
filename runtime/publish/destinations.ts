/**
 * Where a contact standing on each old step goes in the new version (the
 * rule of issue 4): progress is kept by step id; a contact on a removed step
 * moves to the next step after it, in the OLD order, that the new version
 * still has (under its new id when renamed), or to the end of its path when
 * none survives. Steps added before or after that point are not run
 * retroactively: a contact only ever moves forward.
 */
import type { PathIR } from '../../dsl/ir';
import type { PathDiff } from './diff-sequences';

export type Destination =
  /** The step survives (kept or changed): same place, possibly a new id and index. */
  | { kind: 'stay'; stepId: string; pos: number }
  /** The step was removed: continue at the next surviving step. */
  | { kind: 'move'; stepId: string; pos: number }
  /** Nothing after it survives: the path ends (or goes back to its yearly timer). */
  | { kind: 'end'; pos: number };

export const END_OF_PATH = 'end of path' as const;

/** Old step id → destination, for one path. */
export function pathDestinations(diff: PathDiff, oldPath: PathIR | undefined, newPath: PathIR | undefined): Map<string, Destination> {
  const out = new Map<string, Destination>();
  const oldSteps = oldPath?.steps ?? [];
  const newSteps = newPath?.steps ?? [];
  const newPos = new Map(newSteps.map((s, i) => [s.id, i]));
  const renamed = new Map(diff.renamed.map((r) => [r.from, r.to]));
  /** The id an old step has in the new version, if it survives. */
  const survivor = (id: string): string | undefined => {
    const to = renamed.get(id) ?? id;
    return newPos.has(to) ? to : undefined;
  };
  for (let i = 0; i < oldSteps.length; i++) {
    const id = oldSteps[i].id;
    const same = survivor(id);
    if (same !== undefined) {
      out.set(id, { kind: 'stay', stepId: same, pos: newPos.get(same)! });
      continue;
    }
    let next: string | undefined;
    for (let j = i + 1; j < oldSteps.length && next === undefined; j++) next = survivor(oldSteps[j].id);
    out.set(id, next === undefined ? { kind: 'end', pos: newSteps.length } : { kind: 'move', stepId: next, pos: newPos.get(next)! });
  }
  return out;
}
