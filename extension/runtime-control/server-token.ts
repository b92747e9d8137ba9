/**
 * Reads the API token the way `nudge serve` chose it (runtime/server/
 * token-file.ts): from the config's `token`, else NUDGE_TOKEN, else the
 * token file `.nudge/token` under the server's current folder. The server
 * logs where it took it from (`tokenFrom`), so that wins when known; the
 * reader never creates a token (only the server does).
 */
import { readFileSync } from 'node:fs';
import { NudgeError, nudgeError } from '../../errors/nudge-error';
import { join } from 'node:path';
import { readConfig } from '../../runtime/server/config';

export interface TokenWhere {
  /** The server's current folder. */
  cwd: string;
  /** The environment the server was started with. */
  env: NodeJS.ProcessEnv;
  /** The `tokenFrom` field of the server's start-up log line: 'config', 'env NUDGE_TOKEN' or a file path. */
  tokenFrom?: string;
}

/** The runtime's API token cannot be read (NUDGE_ERR_TOKEN). */
export class TokenError extends NudgeError<'NUDGE_ERR_TOKEN'> {
  override name = 'TokenError';
  constructor(problem: string) {
    super('NUDGE_ERR_TOKEN', { problem });
  }
}

function fromFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new TokenError(`Cannot read the runtime's API token from ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): the server writes it at its first start; check the file's permissions, or delete it and start the runtime again.`);
  }
  if (text.length < 16) throw nudgeError('NUDGE_ERR_TOKEN_FILE', { file });
  return text;
}

export function readServerToken(w: TokenWhere): string {
  const file = join(w.cwd, '.nudge', 'token');
  if (w.tokenFrom && w.tokenFrom !== 'config' && !w.tokenFrom.startsWith('env ')) return fromFile(w.tokenFrom);
  if (w.tokenFrom !== 'env NUDGE_TOKEN') {
    let configToken: string | undefined;
    try {
      configToken = readConfig(undefined, w.cwd).config.token;
    } catch (err) {
      throw new TokenError(`Cannot read the API token from nudge.config.json in ${w.cwd}: ${(err as Error).message}`);
    }
    if (configToken) return configToken;
    if (w.tokenFrom === 'config') throw new TokenError(`The runtime took its token from nudge.config.json in ${w.cwd}, which no longer has one: restart the runtime.`);
  }
  const fromEnv = w.env.NUDGE_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  return fromFile(file);
}
