/**
 * The API token of `nudge serve`: from the config, else `NUDGE_TOKEN`, else
 * the token file, created at first start with 32 random bytes and mode
 * 0600 (readable by its owner only) in a 0700 folder. A token that is
 * short or guessable is refused, whatever its source; callers log where
 * the token is, never the token.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { nudgeError } from '../../errors/nudge-error';
import { tokenWeakness } from './token-strength';

function strong(source: TokenSource, named: string): TokenSource {
  const problem = tokenWeakness(source.token);
  if (problem !== null) throw nudgeError('NUDGE_ERR_WEAK_TOKEN', { source: named, problem });
  return source;
}

export interface TokenSource {
  token: string;
  /** Where it came from, for the start-up log: 'config', 'env' or the file's path. */
  from: string;
  created: boolean;
}

/** @throws NUDGE_ERR_WEAK_TOKEN for a token from the config, NUDGE_TOKEN or a token file that is short or guessable (see token-strength.ts). */
export function resolveToken(configToken: string | undefined, env: NodeJS.ProcessEnv, file: string, configFile = 'nudge.config.json'): TokenSource {
  if (configToken) return strong({ token: configToken, from: 'config', created: false }, `"token" in ${configFile}`);
  const fromEnv = env.NUDGE_TOKEN?.trim();
  if (fromEnv) return strong({ token: fromEnv, from: 'env NUDGE_TOKEN', created: false }, 'NUDGE_TOKEN');
  if (existsSync(file)) {
    // A token file others can read is a leaked token: tighten it (POSIX only; Windows has no modes).
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const token = readFileSync(file, 'utf8').trim();
    if (token.length === 0) throw nudgeError('NUDGE_ERR_TOKEN_FILE', { file });
    return strong({ token, from: file, created: false }, file);
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  // 'wx': never overwrite a token another process wrote meanwhile.
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, from: file, created: true };
}
