/**
 * The routes that need no token: health (load balancers, `nudge serve`'s
 * own start-up check: 503 with the problems when the store or the outbox
 * cannot be written), tracked links and the open pixel (a contact reading
 * an email).
 *
 * A tracked link's token is sealed by email delivery (runtime/delivery/
 * link-tokens.ts) with the link key and carries the URL, contact,
 * sequence, step and link index. Every click is counted; the first click
 * of a contact on a link fires `linkClicked` (the host remembers it), then
 * the reader is redirected. A tampered, foreign or re-encoded token is a
 * 404 and never redirects (no open redirect); an expired one is a plain
 * page with status 410 saying so, and no redirect either: a destination
 * the sender chose a year ago may not be one it would choose now.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RuntimeHost } from '../../hosts/live/runtime-host';
import { createLinkTokens, type LinkTokens } from '../../delivery/link-tokens';
import { MAX_TOKEN_CHARS } from '../../delivery/sealed-token';
import { nudgeError } from '../../../errors/nudge-error';
import { notFound } from '../errors';
import { HealthCheck } from '../health-check';

const healthSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    clock: { type: 'string' },
    sequences: { type: 'integer' },
    problems: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** The smallest transparent GIF: 1×1, one transparent colour. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const tokenParams = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: MAX_TOKEN_CHARS } },
} as const;

export interface PublicRouteOptions {
  /** The link key (runtime/server/link-key-file.ts); without it every link is unknown. */
  linkKey?: string;
  /** What `/health` checks beyond the store's own word (folders, delivery). */
  health?: HealthCheck;
}

function expiredPage(reply: FastifyReply): FastifyReply {
  const { message } = nudgeError('NUDGE_ERR_LINK_EXPIRED', {});
  // A person reads this, in a browser: a page, not JSON, with nothing to load and nowhere to go.
  return reply
    .code(410)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'")
    .send(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Link expired</title></head><body><h1>Link expired</h1><p>${message} The email it came in is too old; a newer email from the sender has a link that works.</p></body></html>\n`);
}

export function publicRoutes(app: FastifyInstance, host: RuntimeHost, options: PublicRouteOptions = {}): void {
  const tokens: LinkTokens | undefined = options.linkKey ? createLinkTokens(options.linkKey) : undefined;
  const health = options.health ?? new HealthCheck({ host });

  app.get('/health', {
    // Never rate-limited: load balancers and `nudge serve`'s own check poll it.
    config: { public: true, rateLimit: false },
    schema: {
      summary: 'Check that the server can write its store and outbox',
      tags: ['server'],
      description: 'ok (200), or 503 with what keeps the server from writing its store or outbox (a failed write, a full disk, a folder it cannot write).',
      response: { 200: healthSchema, 503: healthSchema },
    },
  }, async (_request, reply) => {
    const { ok, problems } = await health.report();
    const body = { status: ok ? 'ok' : 'error', clock: host.clock.kind, sequences: host.sequences().length };
    return ok ? body : reply.code(503).send({ ...body, problems });
  });

  app.get<{ Params: { token: string } }>('/l/:token', {
    config: { public: true },
    schema: {
      summary: 'Follow a tracked link',
      tags: ['goals'],
      description: 'Tracked link from an email: counts the click, fires linkClicked the first time this contact follows this link, and redirects to the URL. 404 for an unknown token, 410 (an HTML page, no redirect) for an expired one.',
      params: tokenParams,
      response: { 404: { $ref: 'NudgeError#' } },
    },
  }, async (request, reply) => {
    const opened = tokens?.decode(request.params.token, host.clock.now());
    if (!opened || (!opened.ok && opened.reason === 'invalid')) throw notFound('Unknown link.');
    if (!opened.ok) return expiredPage(reply);
    const link = opened.data;
    // Due wake-ups first, so the click lands after a timer that fell due a moment ago (as applyNow does).
    await host.runDue();
    const { fired } = await host.linkClicked(link);
    if (fired) await host.runDue();
    // A deleted contact's old email still takes the reader where the link said.
    return reply.header('cache-control', 'no-store').redirect(link.url, 302);
  });

  app.get<{ Params: { token: string } }>('/o/:token', {
    config: { public: true },
    schema: {
      summary: 'Record an email open (tracking pixel)',
      tags: ['goals'],
      description: 'Open pixel of an email (tracking.openPixel): counts an open of its step and answers a 1×1 transparent GIF, whatever the token.',
      params: tokenParams,
    },
  }, async (request, reply) => {
    const opened = tokens?.decodeOpen(request.params.token, host.clock.now());
    if (opened?.ok) await host.countEmailEvent({ ...opened.data, event: 'open' });
    // The same image for a bad token: a broken-image icon in someone's email helps nobody.
    return reply.header('content-type', 'image/gif').header('cache-control', 'no-store, private').send(PIXEL);
  });
}
