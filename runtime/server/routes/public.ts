/**
 * The routes that need no token: health (load balancers, `nudge serve`'s
 * own start-up check: 503 with the problems when the store or the outbox
 * cannot be written) and tracked links (a contact clicking in an email).
 *
 * A tracked link's token is signed by email delivery (runtime/delivery/
 * link-tokens.ts) and carries the URL, contact, sequence and step: the
 * click fires `linkClicked` for the contact, then redirects. A tampered or
 * unknown token is a 404 and never redirects (no open redirect).
 */
import type { FastifyInstance } from 'fastify';
import type { RuntimeHost } from '../../hosts/live/runtime-host';
import { notFound } from '../errors';
import { decodeLinkToken } from '../../delivery/link-tokens';
import { applyNow } from '../apply-now';
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

export function publicRoutes(app: FastifyInstance, host: RuntimeHost, linkSecret?: string, health = new HealthCheck({ host })): void {
  app.get('/health', {
    // Never rate-limited: load balancers and `nudge serve`'s own check poll it.
    config: { public: true, rateLimit: false },
    schema: {
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
      tags: ['goals'],
      description: 'Tracked link from an email: fires linkClicked for the contact and redirects to the URL.',
      params: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 4000 } } },
      response: { 404: { $ref: 'NudgeError#' } },
    },
  }, async (request, reply) => {
    const link = linkSecret ? decodeLinkToken(linkSecret, request.params.token) : null;
    if (!link) throw notFound('Unknown or expired link.');
    const known = (await host.contact(link.contactId)) !== undefined;
    // A deleted contact's old email still takes the reader where the link said.
    if (known) await applyNow(host, link.contactId, { goals: [{ kind: 'linkClicked', stepId: link.stepId, url: link.url }] });
    return reply.redirect(link.url, 302);
  });
}
