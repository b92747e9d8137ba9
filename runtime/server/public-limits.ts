/**
 * Bounds on what anyone on the internet can make the server do: a per-IP
 * rate limit on the public routes (those whose config says `public: true`:
 * forms, tracked links, unsubscribe and confirmation pages; `/health` opts
 * out with `rateLimit: false`), and timeouts, so a client that sends its
 * headers or body slowly (or never) is cut off instead of holding a
 * connection. Token routes are not limited: the token holder is the operator.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { nudgeError } from '../../errors/nudge-error';

export interface PublicRateLimit {
  /** Requests one IP may make to public routes per window. */
  max: number;
  /** The window in milliseconds. */
  windowMs: number;
}

export interface ServerTimeouts {
  /** Whole request (headers and body) must arrive within this (node `requestTimeout`). */
  requestMs: number;
  /** Headers must arrive within this (node `headersTimeout`). */
  headersMs: number;
  /** An idle socket is closed after this (Fastify `connectionTimeout`). */
  connectionMs: number;
}

export const DEFAULT_RATE_LIMIT: PublicRateLimit = { max: 120, windowMs: 60_000 };
export const DEFAULT_TIMEOUTS: ServerTimeouts = { requestMs: 30_000, headersMs: 10_000, connectionMs: 60_000 };

/** Fastify options carrying the timeouts (node checks them every second, not every 30 s). */
export function serverTimeouts(given: Partial<ServerTimeouts> = {}): Pick<FastifyServerOptions, 'requestTimeout' | 'connectionTimeout'> & { http: object } {
  const t = { ...DEFAULT_TIMEOUTS, ...given };
  const headersMs = Math.min(t.headersMs, t.requestMs);
  const checkMs = Math.max(100, Math.min(1000, Math.floor(headersMs / 2)));
  return {
    requestTimeout: t.requestMs,
    connectionTimeout: t.connectionMs,
    http: { requestTimeout: t.requestMs, headersTimeout: headersMs, connectionsCheckingInterval: checkMs },
  };
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

export async function installPublicLimits(app: FastifyInstance, limit: PublicRateLimit | false = DEFAULT_RATE_LIMIT): Promise<void> {
  if (limit === false) return;
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    // Only public routes count; one budget per IP across all of them.
    allowList: (req) => (req.routeOptions.config as { public?: boolean } | undefined)?.public !== true,
    errorResponseBuilder: (_req, ctx) =>
      nudgeError('NUDGE_ERR_RATE_LIMITED', { max: String(ctx.max), window: seconds(limit.windowMs), retry: seconds(Math.max(1000, Math.ceil(ctx.ttl / 1000) * 1000)) }),
  });
}
