/**
 * The DKIM key of `nudge.config.json`, read and checked once at start: a
 * key that cannot be read or is not a private key stops the start with one
 * line naming the file, instead of every email failing later in the
 * delivery thread.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { nudgeError } from '../../errors/nudge-error';
import type { DkimSigning } from '../delivery/dkim';
import type { NudgeConfig } from './config';

export function loadDkimKey(dkim: NudgeConfig['dkim'], configFile = 'nudge.config.json'): DkimSigning | undefined {
  if (!dkim) return undefined;
  const fail = (problem: string) => nudgeError('NUDGE_ERR_DKIM_KEY', { file: dkim.privateKeyFile, config: configFile, problem });
  let pem: string;
  try {
    pem = readFileSync(dkim.privateKeyFile, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw fail(e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a folder' : (e.code ?? e.message));
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`it is an ${key.asymmetricKeyType ?? 'unknown'} key; DKIM signing here takes an RSA key`);
  } catch (error) {
    const message = (error as Error).message;
    throw fail(/RSA key/.test(message) ? message : 'it is not a PEM private key');
  }
  return { domainName: dkim.domain, keySelector: dkim.selector, privateKey: pem };
}
