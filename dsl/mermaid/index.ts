/**
 * The Mermaid canvas renderer (see to-mermaid.ts). Everything a caller
 * needs: the renderer, its option and result types, and the label helpers
 * an editor may reuse for tooltips.
 */
export { toMermaid, renderMermaid } from './to-mermaid';
export type { MermaidDiagram } from './to-mermaid';
export type { MermaidNode } from './canvas-writer';
export type { MermaidOptions } from './options';
export { DEFAULT_OPTIONS } from './options';
export type { NodeKind, NodeClass } from './shapes';
export { describeStep, stepText } from './step-labels';
export { goalWords } from './goal-labels';
export { escapeLabel, unescapeLabel } from './escape';
