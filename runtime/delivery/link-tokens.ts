/**
 * Tokens for tracked links (`<baseUrl>/l/<token>`) and open pixels
 * (`<baseUrl>/o/<token>`), sealed with the link key (sealed-token.ts):
 * nobody can read one (no contact id or destination in clear), change one,
 * or use a link token as another purpose's token, and each expires.
 *
 * A link token carries only what the click needs: the destination the
 * template's author wrote, the contact, the sequence, the step and the
 * link's index in the email (so "once per contact and link" has a key).
 * An open token carries the sequence and step only: opens are counted per
 * step, never per person.
 *
 * @example
 *   const tokens = createLinkTokens(secret);
 *   const t = tokens.encode({ url: 'https://example.com', contactId: 'c1', sequenceId: 'welcome', stepId: 'email-1', link: 0 }, expiresAt);
 *   tokens.decode(t, Date.now());          // { ok: true, link: { url: 'https://example.com', ... } }
 *   tokens.decode(`${t}==`, Date.now());   // { ok: false, reason: 'invalid' }
 */
import { deriveTokenKey, MAX_TOKEN_CHARS, openToken, sealToken } from './sealed-token';

export interface LinkTokenData {
  /** Where the click redirects to. */
  url: string;
  contactId: string;
  sequenceId: string;
  stepId: string;
  /** Index of the link among the email's tracked links, in document order. */
  link: number;
}

export interface OpenTokenData {
  sequenceId: string;
  stepId: string;
}

export type Opened<T> = { ok: true; data: T } | { ok: false; reason: 'invalid' | 'expired' };

/** A year: long enough for an email kept in a folder, short enough that an old leak stops working. */
export const DEFAULT_LINK_EXPIRY_MS = 365 * 24 * 3600_000;

export interface LinkTokens {
  encode(data: LinkTokenData, expiresAt: number): string;
  decode(token: unknown, now: number): Opened<LinkTokenData>;
  encodeOpen(data: OpenTokenData, expiresAt: number): string;
  decodeOpen(token: unknown, now: number): Opened<OpenTokenData>;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Encoding and decoding bound to one secret: what the server's routes and the email transport share. */
export function createLinkTokens(secret: string | Uint8Array): LinkTokens {
  const key = deriveTokenKey(secret);
  return {
    // Short claim names: the token is part of every link in every email.
    encode: (d, expiresAt) => sealToken(key, 'link', { u: d.url, c: d.contactId, s: d.sequenceId, t: d.stepId, i: d.link }, expiresAt),
    decode(token, now) {
      const opened = openToken(key, 'link', token, now);
      if (!opened.ok) return opened;
      const { u, c, s, t, i } = opened.claims;
      // A sealed token is ours, but a token of an older shape is still refused rather than half read.
      if (typeof u !== 'string' || !/^https?:\/\//i.test(u) || !isId(c) || !isId(s) || !isId(t) || typeof i !== 'number' || !Number.isInteger(i) || i < 0) {
        return { ok: false, reason: 'invalid' };
      }
      return { ok: true, data: { url: u, contactId: c, sequenceId: s, stepId: t, link: i } };
    },
    encodeOpen: (d, expiresAt) => sealToken(key, 'open', { s: d.sequenceId, t: d.stepId }, expiresAt),
    decodeOpen(token, now) {
      const opened = openToken(key, 'open', token, now);
      if (!opened.ok) return opened;
      const { s, t } = opened.claims;
      if (!isId(s) || !isId(t)) return { ok: false, reason: 'invalid' };
      return { ok: true, data: { sequenceId: s, stepId: t } };
    },
  };
}

/** Who a tracked link is for: the email's contact, sequence and step, and the link's index in it. */
export type LinkContext = Omit<LinkTokenData, 'url'>;
/** The tracked address of `url`, or `undefined` to leave the link as the author wrote it. */
export type TrackLink = (url: string, context: LinkContext, sentAt: number) => string | undefined;

export interface TrackingOptions {
  /** The server's address as contacts' browsers reach it. */
  baseUrl: string;
  /** The link key (runtime/server/link-key-file.ts): never the API token. */
  secret: string | Uint8Array;
  /** How long a token works after its email's step ran (default DEFAULT_LINK_EXPIRY_MS). */
  expiryMs?: number;
}

/**
 * The `trackLink` option of the email transport for a server reachable at
 * `baseUrl`: every link becomes `<baseUrl>/l/<token>`, valid for `expiryMs`
 * from when the step ran (the same instant on every resend). A destination
 * too long for a token stays untracked: the reader still gets there.
 */
export function linkTracker(options: TrackingOptions): TrackLink {
  const tokens = createLinkTokens(options.secret);
  const base = options.baseUrl.replace(/\/+$/, '');
  const expiry = options.expiryMs ?? DEFAULT_LINK_EXPIRY_MS;
  return (url, context, sentAt) => {
    const token = tokens.encode({ ...context, url }, sentAt + expiry);
    return token.length > MAX_TOKEN_CHARS ? undefined : `${base}/l/${token}`;
  };
}

/** The open pixel's address for one email step: counted per step, never per person. */
export type OpenPixel = (context: OpenTokenData, sentAt: number) => string;

export function openPixel(options: TrackingOptions): OpenPixel {
  const tokens = createLinkTokens(options.secret);
  const base = options.baseUrl.replace(/\/+$/, '');
  const expiry = options.expiryMs ?? DEFAULT_LINK_EXPIRY_MS;
  return (context, sentAt) => `${base}/o/${tokens.encodeOpen(context, sentAt + expiry)}`;
}
