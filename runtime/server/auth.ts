/**
 * Bearer-token authentication. Every route needs `Authorization: Bearer
 * <token>` unless its route config says `public: true` (health, web form
 * submission, tracked links: what a browser or a load balancer calls
 * without credentials). The check runs in `onRequest`, before the body is
 * read, so an unauthenticated client cannot make the server parse a body;
 * unknown routes need the token too, so the route list is not probed for free.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No bearer token needed. */
    public?: boolean;
  }
}

/** Hashing first gives equal lengths, so the comparison time says nothing about the token. */
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function installAuth(app: FastifyInstance, token: string): void {
  if (token.length < 16) throw new Error('The API token must be at least 16 characters long.');
  const expected = digest(token);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.public === true) return;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      throw new ApiError(
        401,
        'NUDGE_ERR_UNAUTHORIZED',
        header ? 'The bearer token is not valid.' : 'Send the API token as `Authorization: Bearer <token>` (it is in .nudge/token, the config file or NUDGE_TOKEN).',
      );
    }
  });
}
