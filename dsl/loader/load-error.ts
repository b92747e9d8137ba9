import type { SourcePos } from '../ir';

/** Why a sequence file could not be loaded, and where. */
export class LoadError extends Error {
  override name = 'LoadError';
  /** The files bundled in besides the entry, when bundling got that far (see Bundle.inputs). */
  inputs?: string[];
  constructor(message: string, readonly source: SourcePos, readonly code: string) {
    super(message);
  }

  /** `file:line:col error CODE message`, the format of every Nudge diagnostic. */
  format(): string {
    return `${this.source.file}:${this.source.line}:${this.source.column} error ${this.code} ${this.message}`;
  }
}
