import { NudgeError, type ErrorParams } from '../../errors/nudge-error';
import { renderLine } from '../../errors/render';
import type { SourcePos } from '../ir';

/** The error-table codes of a sequence file that does not load. */
export type LoadErrorCode =
  | 'NUDGE_ERR_LOAD_SYNTAX'
  | 'NUDGE_ERR_LOAD_DSL'
  | 'NUDGE_ERR_LOAD_THROW'
  | 'NUDGE_ERR_LOAD_NO_EXPORT'
  | 'NUDGE_ERR_LOAD_TIMEOUT'
  | 'NUDGE_ERR_LOAD_CRASH';

/** Why a sequence file could not be loaded, and where. */
export class LoadError<C extends LoadErrorCode = LoadErrorCode> extends NudgeError<C> {
  override name = 'LoadError';
  /** The files bundled in besides the entry, when bundling got that far (see Bundle.inputs). */
  inputs?: string[];
  declare readonly source: SourcePos;
  constructor(code: C, params: ErrorParams<C>, source: SourcePos) {
    super(code, params, { source });
  }

  /** `file:line:col error CODE message`, the format of every Nudge diagnostic. */
  format(): string {
    return renderLine(this);
  }
}
