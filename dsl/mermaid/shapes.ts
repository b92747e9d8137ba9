/**
 * How each kind of node looks: a Mermaid shape and a class, coloured by
 * group (timer / communication / process, as `stepGroup` in the IR says),
 * so a reader tells a wait from an email from a tag at a glance, the way
 * Keap's canvas does with its icons.
 */
import type { StepKind } from '../ir';
import { stepGroup } from '../ir';
import { escapeLabel } from './escape';

/**
 * Node kinds that are not steps. A canvas note is `canvasNote`, not `note`:
 * `note` is already the step kind of `applyNote` (a note on the contact record).
 */
export type CanvasKind = 'sequence' | 'start' | 'startGoal' | 'stopGoal' | 'canvasNote';

/** What a node stands for: a step kind, or one of the canvas kinds. */
export type NodeKind = StepKind | CanvasKind;

/** Mermaid classes, one per look. */
export type NodeClass = 'start' | 'timer' | 'communication' | 'process' | 'note' | 'startGoal' | 'stopGoal';

interface Shape {
  open: string;
  close: string;
}

// Classic bracket shapes only: the newer `id@{ shape: ..., label: "..." }`
// syntax puts colons on the label's line, which trips Mermaid's `style` regex
// (see escape.ts) and reads worse in a golden file.
const SHAPES: Record<NodeClass, Shape> = {
  start: { open: '(["', close: '"])' }, // stadium
  timer: { open: '{{"', close: '"}}' }, // hexagon
  communication: { open: '[/"', close: '"/]' }, // parallelogram: something leaves
  process: { open: '("', close: '")' }, // rounded box
  note: { open: '>"', close: '"]' }, // flag: a sticky note, not a step
  startGoal: { open: '[/"', close: '"\\]' }, // trapezoid, wide side towards the sequence
  stopGoal: { open: '[\\"', close: '"/]' }, // inverted trapezoid
};

/** Class (and so shape and colour) of a node kind; a sequence is a subgraph and has none. */
export function classOf(kind: Exclude<NodeKind, 'sequence'>): NodeClass {
  switch (kind) {
    case 'start':
    case 'startGoal':
    case 'stopGoal':
      return kind;
    case 'canvasNote':
      return 'note';
    default:
      return stepGroup(kind);
  }
}

/** Order of the `classDef` and `class` lines: fixed, so output is deterministic. */
export const CLASS_ORDER: readonly NodeClass[] = [
  'start', 'timer', 'communication', 'process', 'note', 'startGoal', 'stopGoal',
];

/**
 * Colours. No `;` anywhere: Mermaid treats `classDef ...:...#...;` lines
 * specially (see escape.ts).
 */
export const CLASS_DEFS: Record<NodeClass, string> = {
  start: 'fill:#e5e7eb,stroke:#4b5563,color:#111827,stroke-width:2px',
  timer: 'fill:#fef3c7,stroke:#d97706,color:#78350f',
  communication: 'fill:#dbeafe,stroke:#2563eb,color:#1e3a8a',
  process: 'fill:#dcfce7,stroke:#16a34a,color:#14532d',
  note: 'fill:#fefce8,stroke:#a3a3a3,color:#404040,stroke-dasharray:4 3',
  startGoal: 'fill:#ede9fe,stroke:#7c3aed,color:#4c1d95',
  stopGoal: 'fill:#fee2e2,stroke:#dc2626,color:#7f1d1d',
};

/**
 * One node statement with an escaped, quoted label. `lines` are the label's
 * visual lines (notes may have several), joined with `<br/>`.
 */
export function nodeStatement(id: string, cls: NodeClass, lines: string[]): string {
  const context = id + lines.join(' ');
  const label = lines.map((line) => escapeLabel(line, context)).join('<br/>');
  const { open, close } = SHAPES[cls];
  return `${id}${open}${label}${close}`;
}

/** `subgraph id["title"]`: the sequence's frame. */
export function subgraphStatement(id: string, title: string): string {
  return `subgraph ${id}["${escapeLabel(title, id)}"]`;
}
