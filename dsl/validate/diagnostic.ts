/**
 * What the validator reports: one finding about one sequence, with the
 * step (when there is one) and the position to point the editor at.
 */
import type { SourcePos } from '../ir';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable code, `'NUDGE001'`...: see `RULES` and docs/diagnostics.md. */
  code: string;
  /** What is wrong, where (step id) and how to fix it. */
  message: string;
  sequenceId: string;
  /** The offending step, when the finding is about one step. */
  stepId?: string;
  /** The step's position, else the path's, else the sequence's. */
  source?: SourcePos;
}

export interface ValidateOptions {
  /** "Now" for the date-passed check. Default: the current time. */
  now?: Date;
  /**
   * The account's IANA zone, when known (config). Timers in the account zone
   * are then judged in it; without it, in the earliest zone on Earth (UTC-12).
   */
  accountZone?: string;
  /**
   * The account of nudge.config.json (`{}` when there is none), for NUDGE031.
   * Undefined: the config is not known here, and the rule is not judged.
   */
  account?: { name?: string; address?: string };
}
