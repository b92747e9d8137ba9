/**
 * Tokens for tracked links (`<baseUrl>/l/<token>`). The token carries the
 * destination and who clicked from which step, signed with an HMAC so that
 * nobody can forge a click for another contact or turn the server into an
 * open redirect to an address of their choosing. It is signed, not
 * encrypted: the destination is readable, as in any tracked link.
 *
 * @example
 *   const token = encodeLinkToken(secret, { url: 'https://example.com', contactId: 'c1', sequenceId: 'welcome', stepId: 'email-1' });
 *   decodeLinkToken(secret, token); // { url: 'https://example.com', contactId: 'c1', ... }
 *   decodeLinkToken(secret, token.replace(/.$/, 'x')); // null (tampered)
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { nudgeError } from '../../errors/nudge-error';

export interface LinkTokenData {
  /** Where the click redirects to. */
  url: string;
  contactId: string;
  sequenceId: string;
  stepId: string;
}

/** 128 bits of HMAC-SHA256: unforgeable, and keeps links short. */
const SIGNATURE_BYTES = 16;

function checkSecret(secret: string | Uint8Array): void {
  if (secret.length === 0) throw nudgeError('NUDGE_ERR_CONFIG', { problem: 'A link token secret must not be empty: set one in nudge.config.json (or let the server generate it).' });
}

function sign(secret: string | Uint8Array, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, SIGNATURE_BYTES);
}

export function encodeLinkToken(secret: string | Uint8Array, data: LinkTokenData): string {
  checkSecret(secret);
  // Short keys: the token is part of every link in every email.
  const payload = Buffer.from(JSON.stringify({ u: data.url, c: data.contactId, s: data.sequenceId, t: data.stepId })).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** The data of a token this secret signed, or `null` for anything else (tampered, truncated, garbage). */
export function decodeLinkToken(secret: string | Uint8Array, token: string): LinkTokenData | null {
  checkSecret(secret);
  if (typeof token !== 'string') return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = sign(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const raw: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof raw !== 'object' || raw === null) return null;
    const { u, c, s, t } = raw as Record<string, unknown>;
    if (typeof u !== 'string' || typeof c !== 'string' || typeof s !== 'string' || typeof t !== 'string') return null;
    return { url: u, contactId: c, sequenceId: s, stepId: t };
  } catch {
    return null;
  }
}

export interface LinkTokens {
  encode(data: LinkTokenData): string;
  decode(token: string): LinkTokenData | null;
}

/** Both functions bound to one secret: what the server's `/l/:token` route and the email transport share. */
export function createLinkTokens(secret: string | Uint8Array): LinkTokens {
  checkSecret(secret);
  return { encode: (data) => encodeLinkToken(secret, data), decode: (token) => decodeLinkToken(secret, token) };
}

export type LinkContext = Omit<LinkTokenData, 'url'>;
export type TrackLink = (url: string, context: LinkContext) => string;

/**
 * The `trackLink` option of the email transport for a server reachable at
 * `baseUrl`: every link becomes `<baseUrl>/l/<token>`.
 */
export function linkTracker(baseUrl: string, secret: string | Uint8Array): TrackLink {
  const tokens = createLinkTokens(secret);
  const base = baseUrl.replace(/\/+$/, '');
  return (url, context) => `${base}/l/${tokens.encode({ url, ...context })}`;
}
