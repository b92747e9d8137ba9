/**
 * Options of the renderer and their defaults. Labels are capped because a
 * canvas node holding a whole email subject line pushes every other node
 * off screen; Mermaid wraps a label at about 200 px, so 100 characters is
 * three or four lines.
 */

export interface MermaidOptions {
  /** Longest label line, in characters as a reader counts them; longer ones end with `…`. Default 100. */
  maxLabelLength?: number;
  /** Most lines shown of a canvas note; the rest become `…`. Default 6. */
  maxNoteLines?: number;
  /** Longest line of a canvas note (notes are prose; Mermaid wraps them). Default 160. */
  maxNoteLineLength?: number;
}

export const DEFAULT_OPTIONS: Required<MermaidOptions> = { maxLabelLength: 100, maxNoteLines: 6, maxNoteLineLength: 160 };
