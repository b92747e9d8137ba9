/**
 * Per-step counts of a run, like Keap's campaign reporting: how many
 * contacts reached each step, and how many were done, skipped or failed
 * there, or are still waiting on it (a timer) when the run ends.
 */
import type { SequenceIR } from '../../../dsl/ir';
import type { TraceEvent } from '../../engine/model';
import type { ContactState, StepLine, StepSink } from '../../engine/run-contact';
import type { CompiledSequence, EngineWorld } from '../../engine/world';

export interface StepCount {
  sequence: string;
  path: number;
  step: string;
  kind: string;
  reached: number;
  done: number;
  skipped: number;
  failed: number;
  waiting: number;
}

export class StepCounts {
  /** sequence id → step id → row; nested maps avoid building a key string per step. */
  private readonly rows = new Map<string, Map<string, StepCount>>();

  constructor(sequences: SequenceIR[]) {
    for (const seq of sequences) {
      for (const path of seq.paths) {
        for (const step of path.steps) {
          if (!this.rows.has(seq.id)) this.rows.set(seq.id, new Map());
          this.rows.get(seq.id)!.set(step.id, {
            sequence: seq.id, path: path.index, step: step.id, kind: step.kind,
            reached: 0, done: 0, skipped: 0, failed: 0, waiting: 0,
          });
        }
      }
    }
  }

  add(line: TraceEvent): void {
    const row = this.rows.get(line.sequence)?.get(line.step);
    if (!row) return;
    row.reached += 1;
    row[line.status] += 1;
  }

  addWaiting(states: ContactState[]): void {
    for (const s of states) {
      for (const e of s.enrollments) {
        if (e.status !== 'active') continue;
        for (const p of e.paths) {
          if (p.status !== 'waiting' || !p.stepId) continue;
          const row = this.rows.get(e.sequenceId)?.get(p.stepId);
          if (row) { row.waiting += 1; row.reached += 1; }
        }
      }
    }
  }

  /**
   * A sink that counts each step run straight into its row, found by path
   * index and position (array indexes) instead of looking up sequence and
   * step ids, and without the trace line a step would otherwise become.
   */
  sink(world: EngineWorld): CountingSink {
    const bySequence = new Map<CompiledSequence, StepRows>();
    for (const seq of world.sequences) {
      bySequence.set(seq, seq.ir.paths.map((path) => path.steps.map((step) => this.rows.get(seq.ir.id)?.get(step.id))));
    }
    return new CountingSink(bySequence);
  }

  list(): StepCount[] {
    return [...this.rows.values()].flatMap((m) => [...m.values()]);
  }
}

/** A sequence's count rows by path index, then step position. */
type StepRows = Array<Array<StepCount | undefined>>;

export class CountingSink implements StepSink {
  /** Steps run so far. */
  steps = 0;
  /** The rows of the sequence of the last step: a path's steps come one after another, so the map is rarely asked. */
  private lastSequence: CompiledSequence | undefined;
  private lastRows: StepRows | undefined;

  constructor(private readonly bySequence: Map<CompiledSequence, StepRows>) {}

  step(line: Readonly<StepLine>): void {
    this.steps += 1;
    if (line.seq !== this.lastSequence) {
      this.lastSequence = line.seq;
      this.lastRows = this.bySequence.get(line.seq);
    }
    const row = this.lastRows?.[line.pathIndex][line.pos];
    if (row === undefined) return;
    row.reached += 1;
    row[line.status] += 1;
  }
}
