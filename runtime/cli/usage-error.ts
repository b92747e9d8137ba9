import { NudgeError } from '../../errors/nudge-error';

/** A mistake in how the command was called (NUDGE_ERR_USAGE): printed without a stack, exit code 2. */
export class UsageError extends NudgeError<'NUDGE_ERR_USAGE'> {
  override name = 'UsageError';
  constructor(problem: string) {
    super('NUDGE_ERR_USAGE', { problem });
  }
}
