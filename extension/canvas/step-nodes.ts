/**
 * Between canvas nodes and the steps in the code: which node stands for the
 * step at the cursor, and which source position a clicked node points at.
 */
import type { SequenceIR, SourcePos } from '../../dsl/ir';
import type { MermaidNode } from '../../dsl/mermaid/canvas-writer';
import { StepCallIndex } from '../language/step-ranges';

/** Where a node's step (or sequence, path, note) was written, if the IR knows. */
export function sourceOfNode(node: MermaidNode, sequences: readonly SequenceIR[]): SourcePos | undefined {
  const seq = sequences.find((s) => s.id === node.sequenceId);
  if (!seq) return undefined;
  if (node.stepId !== undefined) {
    for (const p of seq.paths) {
      const step = p.steps.find((s) => s.id === node.stepId);
      if (step) return step.source;
    }
  }
  if (node.pathIndex !== undefined) return seq.paths.find((p) => p.index === node.pathIndex)?.source;
  if (node.noteId !== undefined) return seq.notes.find((n) => n.id === node.noteId)?.source;
  return seq.source;
}

/**
 * The node of the step the cursor is in (`offset` into `text`), or null.
 * Only steps written in `fileName` count (a step built in an imported file
 * has its source there).
 */
export interface CursorInCanvas {
  text: string;
  offset: number;
  fileName: string;
  sequences: readonly SequenceIR[];
  nodes: Record<string, MermaidNode>;
  /** The text's step calls, when the caller keeps them (else built here). */
  index?: StepCallIndex;
}

export function nodeAtOffset({ text, offset, fileName, sequences, nodes, index = new StepCallIndex(text, fileName) }: CursorInCanvas): string | null {
  const nodeByPos = new Map<string, string>();
  for (const [nodeId, node] of Object.entries(nodes)) {
    if (node.stepId === undefined) continue;
    const src = sourceOfNode(node, sequences);
    if (src && src.file === fileName) nodeByPos.set(`${src.line}:${src.column}`, nodeId);
  }
  const call = index.innermostAt(offset, new Set(nodeByPos.keys()));
  return call ? nodeByPos.get(`${call.line}:${call.column}`) ?? null : null;
}
