/**
 * Bearer-token authentication. Every route needs `Authorization: Bearer
 * <token>` unless its route config says `public: true` (health, web form
 * submission, tracked links: what a browser or a load balancer calls
 * without credentials). The check runs in `onRequest`, before the body is
 * read, so an unauthenticated client cannot make the server parse a body;
 * unknown routes need the token too, so the route list is not probed for free.
 */
import * as crypto from 'node:crypto';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nudgeError } from '../../errors/nudge-error';
import { renderApi } from '../../errors/render';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No bearer token needed. */
    public?: boolean;
  }
}

/**
 * Hashing first gives equal lengths, so the comparison time says nothing
 * about the token. The one-shot `crypto.hash` (Node 20.12+) skips the Hash
 * object: this runs on every request, and createHash was ~4% of the
 * server's time under bench:server.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer }).hash;
const digest = (text: string): Buffer => (oneShot ? oneShot('sha256', text, 'buffer') : createHash('sha256').update(text).digest());

function hasToken(header: unknown, expected: Buffer): boolean {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match !== null && timingSafeEqual(digest(match[1]), expected);
}

const unauthorized = (header: unknown) => nudgeError('NUDGE_ERR_UNAUTHORIZED', { problem: header ? 'The bearer token is not valid' : 'No bearer token' });

/**
 * Fastify's `frameworkErrors`: the router refuses some URLs (a malformed
 * %-escape, a path parameter over maxParamLength) before any hook runs. They
 * still get the token check and a coded error, so the API's error contract
 * holds and unknown paths cannot be probed without the token.
 */
export function routerErrorHandler(token: string) {
  const expected = digest(token);
  return (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void => {
    if (!hasToken(request.headers.authorization, expected)) {
      const { status, body } = renderApi(unauthorized(request.headers.authorization));
      void reply.code(status).send(body);
      return;
    }
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const { status, body } = renderApi(tooLong
      ? nudgeError('NUDGE_ERR_BAD_REQUEST', { problem: 'A path segment is too long (at most 4096 characters).' }, { status: 414 })
      : nudgeError('NUDGE_ERR_BAD_REQUEST', { problem: 'The URL is malformed: check its %-escapes.' }));
    void reply.code(status).send(body);
  };
}

export function installAuth(app: FastifyInstance, token: string): void {
  if (token.length < 16) throw nudgeError('NUDGE_ERR_CONFIG', { problem: 'The API token must be at least 16 characters long: set a longer "token" in nudge.config.json or NUDGE_TOKEN, or remove it to have one generated into .nudge/token.' });
  const expected = digest(token);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.public === true) return;
    const header = request.headers.authorization;
    if (!hasToken(header, expected)) {
      throw unauthorized(header);
    }
  });
}
