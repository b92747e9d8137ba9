/**
 * An author mistake caught while a sequence file is evaluated (a malformed
 * duration, an unknown weekday...). The loader reports it at the call site
 * in the `.seq.ts` file, without a stack trace.
 */
export class DslError extends Error {
  override name = 'DslError';
}
