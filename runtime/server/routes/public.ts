/**
 * The routes that need no token: health (load balancers, `nudge serve`'s
 * own start-up check) and tracked links (a contact clicking in an email).
 *
 * Tracked links are a stub for now: link rewriting belongs to email
 * delivery, which does not issue tokens yet, so every token is unknown
 * and answers 404. The route exists so its place (public, no token) is
 * fixed and documented.
 */
import type { FastifyInstance } from 'fastify';
import type { RuntimeHost } from '../../host/runtime-host';
import { notFound } from '../errors';

export function publicRoutes(app: FastifyInstance, host: RuntimeHost): void {
  app.get('/health', {
    config: { public: true },
    schema: {
      tags: ['server'],
      response: { 200: { type: 'object', properties: { status: { type: 'string' }, clock: { type: 'string' }, sequences: { type: 'integer' } } } },
    },
  }, async () => ({ status: 'ok', clock: host.clock.kind, sequences: host.sequences().length }));

  app.get<{ Params: { token: string } }>('/l/:token', {
    config: { public: true },
    schema: {
      tags: ['goals'],
      description: 'Tracked link: redirects to the URL and fires linkClicked (not implemented yet: every token is unknown).',
      params: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 404: { $ref: 'NudgeError#' } },
    },
  }, async () => {
    throw notFound('Unknown or expired link.');
  });
}
