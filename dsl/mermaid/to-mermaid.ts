/**
 * The Mermaid canvas renderer: sequence IR in, flowchart text out.
 *
 * Pure and deterministic: no clock, no randomness, no I/O, and the output
 * depends only on the IR and the options, so golden files can pin it and the
 * extension can re-render on every keystroke.
 */
import type { SequenceIR } from '../ir';
import type { MermaidNode } from './canvas-writer';
import { CanvasWriter } from './canvas-writer';
import { DEFAULT_OPTIONS, type MermaidOptions } from './options';
import { drawSequence } from './sequence-block';

export interface MermaidDiagram {
  /** `flowchart LR ...`, ending with a newline. */
  text: string;
  /** Node id → what it stands for, in drawing order (subgraph ids included). */
  nodes: Record<string, MermaidNode>;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`toMermaid option '${name}' must be a whole number of at least 1, got ${value}.`);
  }
  return value;
}

/**
 * Draws one or more sequences as they appear on Keap's canvas.
 * @example
 * const { text, nodes } = toMermaid(loaded.map((l) => l.ir));
 * nodes['step_welcome__wait_2d'] // { sequenceId: 'welcome', stepId: 'wait-2d', kind: 'delay', ... }
 */
export function toMermaid(irs: SequenceIR | SequenceIR[], options: MermaidOptions = {}): MermaidDiagram {
  const out = new CanvasWriter({
    maxLabelLength: positive(options.maxLabelLength, DEFAULT_OPTIONS.maxLabelLength, 'maxLabelLength'),
    maxNoteLines: positive(options.maxNoteLines, DEFAULT_OPTIONS.maxNoteLines, 'maxNoteLines'),
    maxNoteLineLength: positive(options.maxNoteLineLength, DEFAULT_OPTIONS.maxNoteLineLength, 'maxNoteLineLength'),
  });
  for (const seq of Array.isArray(irs) ? irs : [irs]) drawSequence(out, seq);
  return { text: out.text(), nodes: out.nodes };
}

/** Just the diagram text. @example writeFileSync('welcome.mmd', renderMermaid(ir)) */
export function renderMermaid(irs: SequenceIR | SequenceIR[], options?: MermaidOptions): string {
  return toMermaid(irs, options).text;
}
