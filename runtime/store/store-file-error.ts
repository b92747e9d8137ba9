/**
 * A store file that cannot be used: says which file, what is wrong and how
 * to fix it. Thrown before anything is written, so the file is left as it was.
 */
export class StoreFileError extends Error {
  readonly code = 'NUDGE_ERR_STORE_FILE';

  constructor(
    readonly file: string,
    readonly problem: string,
    readonly fix: string,
    options?: { cause?: unknown; /** false when there is no file to leave alone */ exists?: boolean },
  ) {
    super(`Store file ${file}: ${problem}.${options?.exists === false ? '' : ' The file was not modified.'} ${fix}`, options);
    this.name = 'StoreFileError';
  }
}
