/**
 * Per-step counts of a run, like Keap's campaign reporting: how many
 * contacts reached each step, and how many were done, skipped or failed
 * there, or are still waiting on it (a timer) when the run ends.
 */
import type { SequenceIR } from '../../dsl/ir';
import type { TraceEvent } from '../engine/model';
import type { ContactState } from '../engine/run-contact';

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

  list(): StepCount[] {
    return [...this.rows.values()].flatMap((m) => [...m.values()]);
  }
}
