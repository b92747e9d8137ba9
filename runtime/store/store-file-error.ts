import { NudgeError } from '../../errors/nudge-error';

/**
 * A store file that cannot be used: says which file, what is wrong and how
 * to fix it. Thrown before anything is written, so the file is left as it was.
 */
export class StoreFileError extends NudgeError<'NUDGE_ERR_STORE_FILE'> {
  override name = 'StoreFileError';

  constructor(
    readonly file: string,
    readonly problem: string,
    readonly howToFix: string,
    options?: { cause?: unknown; /** false when there is no file to leave alone */ exists?: boolean },
  ) {
    super('NUDGE_ERR_STORE_FILE', { file, problem: `${problem}.${options?.exists === false ? '' : ' The file was not modified.'}`, howToFix }, options);
  }
}
