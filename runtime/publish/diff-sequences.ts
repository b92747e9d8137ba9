/**
 * `diffSequences(old, new)`: per start path, which step ids were removed,
 * added, changed (same id, different kind or parameters) or kept.
 *
 * Paths are matched by index (the engine keeps one path state per index).
 *
 * Renames: a derived step id is a slug of the step's content (`wait-2d`),
 * so editing `.delay('2d')` into `.delay('3d')` changes the id. Read
 * literally that is "remove wait-2d, add wait-3d", and contacts waiting on
 * the 2-day timer would jump past the new one and get the next email at
 * once: the "unpredictable" edit Keap users complain about. So a removed
 * and an added step with *derived* ids, of the same kind, in the same gap
 * between kept steps, are paired (in order) as one changed step whose id
 * was renamed. Explicit ids are the author's word: never paired.
 */
import type { PathIR, SequenceIR, Step } from '../../dsl/ir';
import { sameBehaviour } from './canonical-ir';

export interface PathDiff {
  index: number;
  removed: string[];
  added: string[];
  /** Same id (or a rename below), different kind or parameters. */
  changed: string[];
  kept: string[];
  /** Derived ids renamed by an edit of the step: each also listed in `changed` under its old id. */
  renamed: Array<{ from: string; to: string }>;
  /** The path exists only in the old version / only in the new one. */
  pathRemoved?: boolean;
  pathAdded?: boolean;
}

export interface SequenceDiff {
  sequenceId: string;
  paths: PathDiff[];
  /** Whether any step was removed, added or changed (metadata-only edits leave this false). */
  stepsChanged: boolean;
}

export function diffSequences(oldIr: SequenceIR, newIr: SequenceIR): SequenceDiff {
  const count = Math.max(oldIr.paths.length, newIr.paths.length);
  const paths: PathDiff[] = [];
  for (let i = 0; i < count; i++) paths.push(diffPath(i, oldIr.paths[i], newIr.paths[i]));
  const stepsChanged = paths.some((p) => p.removed.length + p.added.length + p.changed.length > 0);
  return { sequenceId: newIr.id, paths, stepsChanged };
}

function diffPath(index: number, oldPath: PathIR | undefined, newPath: PathIR | undefined): PathDiff {
  const oldSteps = oldPath?.steps ?? [];
  const newSteps = newPath?.steps ?? [];
  const newById = new Map(newSteps.map((s) => [s.id, s]));
  const oldIds = new Set(oldSteps.map((s) => s.id));
  const diff: PathDiff = { index, removed: [], added: [], changed: [], kept: [], renamed: [] };
  if (!newPath) diff.pathRemoved = true;
  if (!oldPath) diff.pathAdded = true;
  for (const s of oldSteps) {
    const now = newById.get(s.id);
    if (!now) diff.removed.push(s.id);
    else if (sameBehaviour(s, now)) diff.kept.push(s.id);
    else diff.changed.push(s.id);
  }
  for (const s of newSteps) if (!oldIds.has(s.id)) diff.added.push(s.id);
  pairRenames(diff, oldSteps, newSteps);
  return diff;
}

/** The gap a step sits in: the id of the nearest step before it that both versions have ('' at the start). */
function gapsOf(steps: Step[], shared: Set<string>): Map<string, string> {
  const gaps = new Map<string, string>();
  let last = '';
  for (const s of steps) {
    if (shared.has(s.id)) last = s.id;
    else gaps.set(s.id, last);
  }
  return gaps;
}

function pairRenames(diff: PathDiff, oldSteps: Step[], newSteps: Step[]): void {
  if (diff.removed.length === 0 || diff.added.length === 0) return;
  const shared = new Set([...diff.kept, ...diff.changed]);
  const oldGaps = gapsOf(oldSteps, shared);
  const newGaps = gapsOf(newSteps, shared);
  const oldById = new Map(oldSteps.map((s) => [s.id, s]));
  const newById = new Map(newSteps.map((s) => [s.id, s]));
  const taken = new Set<string>();
  for (const from of diff.removed) {
    const before = oldById.get(from)!;
    if (before.explicitId) continue;
    const to = diff.added.find((id) => {
      const after = newById.get(id)!;
      return !taken.has(id) && !after.explicitId && after.kind === before.kind && newGaps.get(id) === oldGaps.get(from);
    });
    if (!to) continue;
    taken.add(to);
    diff.renamed.push({ from, to });
  }
  const renamedFrom = new Set(diff.renamed.map((r) => r.from));
  diff.removed = diff.removed.filter((id) => !renamedFrom.has(id));
  diff.added = diff.added.filter((id) => !taken.has(id));
  const order = new Map(oldSteps.map((s, i) => [s.id, i]));
  diff.changed = [...diff.changed, ...renamedFrom].sort((a, b) => order.get(a)! - order.get(b)!);
}
