/**
 * Sealed tokens: the one way Nudge puts data into a URL that strangers hold
 * (tracked links, unsubscribe links, opt-in confirmations, open pixels).
 *
 * A token is AES-256-GCM over a small JSON payload: nobody can read it (no
 * contact id in clear) or change it (the GCM tag), and the purpose is bound
 * as additional data, so an unsubscribe token never works as a link token.
 * Every token carries its expiry. Decoding is strict: only canonical
 * base64url of the expected length range is looked at, so `==` appended or
 * a changed last character is a different token, and a bad one is `null`.
 *
 * Built on node:crypto's AEAD rather than a token library because the needs
 * are exactly "encrypt, authenticate, expire", which GCM gives in ten lines;
 * JWT/JWE libraries bring algorithm negotiation we would have to lock down.
 *
 * @example
 *   const key = deriveTokenKey(secret);
 *   const t = sealToken(key, 'unsubscribe', { c: 'c1', s: 'welcome' }, Date.now() + 365 * 86400_000);
 *   openToken(key, 'unsubscribe', t, Date.now()); // { ok: true, claims: { c: 'c1', s: 'welcome' } }
 *   openToken(key, 'link', t, Date.now());        // { ok: false, reason: 'invalid' }
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { nudgeError } from '../../errors/nudge-error';

export type TokenPurpose = 'link' | 'unsubscribe' | 'confirm' | 'open';

export type TokenClaims = Record<string, string | number | boolean>;

export type OpenedToken =
  | { ok: true; claims: TokenClaims; expiresAt: number }
  | { ok: false; reason: 'invalid' | 'expired' };

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** A token longer than this is refused before any work: URLs are bounded, and so is our effort per request. */
export const MAX_TOKEN_CHARS = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A 32-byte AES key from the server's secret (any length, not empty), one per secret. */
export function deriveTokenKey(secret: string | Uint8Array): Buffer {
  if (secret.length === 0) throw nudgeError('NUDGE_ERR_CONFIG', { problem: 'A token secret must not be empty: set one in nudge.config.json (or let the server generate it).' });
  return createHmac('sha256', secret).update('nudge sealed token key v1').digest();
}

export function sealToken(key: Buffer, purpose: TokenPurpose, claims: TokenClaims, expiresAt: number): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose));
  // Expiry in whole seconds keeps the payload short; `e` is reserved for it.
  const body = Buffer.from(JSON.stringify({ ...claims, e: Math.ceil(expiresAt / 1000) }));
  const sealed = Buffer.concat([nonce, cipher.update(body), cipher.final(), cipher.getAuthTag()]);
  return sealed.toString('base64url');
}

export function openToken(key: Buffer, purpose: TokenPurpose, token: unknown, now: number): OpenedToken {
  const invalid = { ok: false, reason: 'invalid' } as const;
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS || !BASE64URL.test(token)) return invalid;
  const raw = Buffer.from(token, 'base64url');
  // Only the canonical spelling: base64url has several for the same bytes (padding, the last character's spare bits).
  if (raw.toString('base64url') !== token || raw.length < NONCE_BYTES + TAG_BYTES + 2) return invalid;
  const nonce = raw.subarray(0, NONCE_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(tag);
  let parsed: unknown;
  try {
    const body = Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return invalid;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return invalid;
  const { e, ...claims } = parsed as Record<string, unknown>;
  if (typeof e !== 'number' || !Number.isFinite(e)) return invalid;
  for (const v of Object.values(claims)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return invalid;
  }
  const expiresAt = e * 1000;
  if (now >= expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims as TokenClaims, expiresAt };
}
