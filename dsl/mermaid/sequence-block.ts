/**
 * One sequence on the canvas, laid out as Keap shows it, left to right:
 *
 *   start goals ──▶ ┌ sequence ───────────────────────────┐ ──▶ stop goals
 *                   │ (Start) ─▶ {timer} ─▶ /email/ ─▶ ...│
 *                   │ (Start) ─▶ ...   (parallel lanes)   │
 *                   │ >note]                              │
 *                   └─────────────────────────────────────┘
 *
 * Goals sit outside the frame because they are not steps: a start goal
 * enrols the contact into every start path at once, so it links to every
 * start node; a stop goal ends the whole sequence, so it hangs off the frame.
 */
import type { PathIR, SequenceIR } from '../ir';
import type { CanvasWriter } from './canvas-writer';
import { goalKey, startGoalLabel, stopGoalLabel } from './goal-labels';
import { stepText } from './step-labels';
import { keepLines } from './text';

/** `Lead welcome · runs until complete · once per contact`: the frame's title. */
function title(seq: SequenceIR): string {
  const parts = [seq.name.trim() === '' ? seq.id : seq.name];
  if (seq.runsUntilComplete) parts.push('runs until complete');
  if (seq.reentry === 'never') parts.push('once per contact');
  return parts.join(' · ');
}

/** A start path as one lane: its start node, then its steps in order. Returns the start node's id. */
function drawPath(out: CanvasWriter, seq: SequenceIR, path: PathIR): string {
  const startId = out.ids.id('start', seq.id, String(path.index));
  const label = path.label !== undefined && path.label.trim() !== '' ? path.label : 'Start';
  out.node(startId, 'start', [label], { sequenceId: seq.id, pathIndex: path.index });
  let previous = startId;
  const links: string[] = [];
  for (const step of path.steps) {
    const id = out.ids.id('step', seq.id, step.id);
    out.node(id, step.kind, [stepText(step, out.options.maxLabelLength)], { sequenceId: seq.id, stepId: step.id });
    links.push(`${previous} --> ${id}`);
    previous = id;
  }
  // Links after the lane's nodes: the node statements read like the canvas, the links like its arrows.
  for (const link of links) out.raw(link);
  return startId;
}

function drawNotes(out: CanvasWriter, seq: SequenceIR): void {
  const { maxNoteLines: max, maxNoteLineLength } = out.options;
  for (const note of seq.notes) {
    const id = out.ids.id('note', seq.id, note.id);
    const lines = keepLines(note.text);
    const shown = lines.length > max ? [...lines.slice(0, Math.max(1, max - 1)), '…'] : lines;
    out.node(id, 'canvasNote', shown, { sequenceId: seq.id, noteId: note.id }, maxNoteLineLength);
  }
}

/** Draws one sequence: its frame with lanes and notes, then its start and stop goals. */
export function drawSequence(out: CanvasWriter, seq: SequenceIR): void {
  const frameId = out.ids.id('seq', seq.id);
  out.open(frameId, title(seq), { sequenceId: seq.id });
  const startIds = seq.paths.map((path) => drawPath(out, seq, path));
  drawNotes(out, seq);
  out.close();

  seq.startOn.forEach((goal, goalIndex) => {
    const id = out.ids.id('goal', seq.id, goalKey(goal));
    out.node(id, 'startGoal', [startGoalLabel(goal)], { sequenceId: seq.id, goalIndex });
    // Without a start path there is nothing to enter: the goal points at the frame instead.
    for (const startId of startIds.length > 0 ? startIds : [frameId]) out.raw(`${id} --> ${startId}`);
  });

  // With runsUntilComplete a stop goal is recorded but removes nobody: a dotted link says so.
  const arrow = seq.runsUntilComplete ? '-.->' : '-->';
  seq.stopOn.forEach((goal, goalIndex) => {
    const id = out.ids.id('stop', seq.id, goalKey(goal));
    out.node(id, 'stopGoal', [stopGoalLabel(goal)], { sequenceId: seq.id, goalIndex });
    out.raw(`${frameId} ${arrow} ${id}`);
  });
}
