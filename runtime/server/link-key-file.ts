/**
 * The link key: what seals tracked-link and open-pixel tokens
 * (runtime/delivery/link-tokens.ts). Kept beside the API token and never
 * derived from it: the API token can be rotated, shown to a teammate or
 * pasted in a terminal without every link in every sent email changing
 * meaning, and a leaked link key lets nobody call the API.
 *
 * From the config (`tracking.linkKey`), else the key file, created at
 * first start with 32 random bytes and mode 0600 (readable by its owner
 * only) in a folder of mode 0700. Callers log where the key is, never the key.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { nudgeError } from '../../errors/nudge-error';
import { ConfigError } from './config';

export interface LinkKeySource {
  key: string;
  /** Where it came from, for the start-up log: 'config' or the file's path. */
  from: string;
  created: boolean;
}

/** 32 base64url characters carry 192 bits: below that a key could be guessed offline from one token. */
export const MIN_LINK_KEY_CHARS = 32;

export function resolveLinkKey(configKey: string | undefined, file: string, apiToken: string): LinkKeySource {
  const source = configKey ? { key: configKey, from: 'config', created: false } : fromFile(file);
  if (source.key.length < MIN_LINK_KEY_CHARS) {
    if (source.from === 'config') throw new ConfigError(`tracking.linkKey must be at least ${MIN_LINK_KEY_CHARS} characters long (or leave it out: a key is generated in ${file}).`);
    throw nudgeError('NUDGE_ERR_LINK_KEY_FILE', { file });
  }
  if (source.key === apiToken) throw new ConfigError('tracking.linkKey must not be the API token: give it its own value (or leave it out: a key is generated).');
  return source;
}

function fromFile(file: string): LinkKeySource {
  if (existsSync(file)) {
    // A key file others can read is a leaked key: tighten it (POSIX only; Windows has no modes).
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return { key: readFileSync(file, 'utf8').trim(), from: file, created: false };
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('base64url');
  // 'wx': never overwrite a key another process wrote meanwhile (links sealed with it would die).
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, from: file, created: true };
}
