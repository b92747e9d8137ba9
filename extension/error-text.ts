/**
 * The text of a failure in a notification or a panel: a NudgeError reads
 * exactly as the CLI prints it (errors/render.ts), anything else by its message.
 */
import { NudgeError } from '../errors/nudge-error';
import { renderExtension } from '../errors/render';

export function errorText(err: unknown): string {
  if (err instanceof NudgeError) return renderExtension(err);
  return err instanceof Error ? err.message : String(err);
}
