/**
 * What the editor knows about one sequence file at one version of its text:
 * the sequences it exports (evaluated off the main thread), their canvas,
 * and Nudge's own findings. The canvas, the diagnostics and the dry run all
 * read this one result, so they never disagree about the same keystroke.
 */
import type { SequenceIR, SourcePos } from '../../dsl/ir';
import type { MermaidDiagram } from '../../dsl/mermaid/to-mermaid';
import type { FileDiagnostic } from '../../dsl/check/check-file';

export interface SequenceAnalysis {
  /** The document's URI, as a string. */
  uri: string;
  /** Absolute path of the file on disk. */
  fileName: string;
  /** The editor's document version the text came from. */
  version: number;
  /** Every sequence the file exports (empty when it does not load). */
  sequences: SequenceIR[];
  /** The canvas of `sequences`; null when the file does not load. */
  diagram: MermaidDiagram | null;
  /** Why the file does not load (syntax error, throw, time-out), with where; null when it loads. */
  problem: { message: string; code: string; source?: SourcePos } | null;
  /** Nudge's rules (NUDGE001...) and the load problem, if any, for the Problems panel. */
  diagnostics: FileDiagnostic[];
  /**
   * The helper modules the file's evaluation read (absolute paths); undefined
   * when the load failed before they were known (re-evaluate on any change).
   */
  inputs?: string[];
  /** Time spent: bundling + evaluating + validating + drawing, in ms. */
  ms: number;
}

/** Something that can take figures to draw on the canvas (implemented by the canvas panel). */
export interface CanvasCountsSink {
  setCounts(counts: import('../protocol').CanvasCounts | null, source: import('../protocol').CanvasCounts['source']): void;
}
