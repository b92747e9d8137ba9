/**
 * What a request log line says about the request. Fastify's default logs
 * the whole URL, and for the links in emails (`/l/:token`, `/u/:token`,
 * `/c/:token`, `/o/:token`) the URL is the token: anyone who reads the log
 * could follow, replay or unsubscribe with it. So a route with a `:token`
 * parameter is logged by its pattern (`/l/:token`), and a URL that matched
 * no route has whatever follows those prefixes replaced, in case it is a
 * token with a typo. Query strings of token routes go too.
 */
import type { FastifyRequest } from 'fastify';

/** Path prefixes whose next segment is a token (tracked link, unsubscribe, confirmation, open pixel). */
const TOKEN_PATH = /^\/(l|u|c|o)\/[^?#]*/;

/** The URL as it may be written to a log: no tokens in it. */
export function loggableUrl(request: Pick<FastifyRequest, 'url'> & { routeOptions?: { url?: string } }): string {
  const pattern = request.routeOptions?.url;
  if (pattern !== undefined && /:token\b/.test(pattern)) return pattern;
  if (pattern === undefined && TOKEN_PATH.test(request.url)) return request.url.replace(TOKEN_PATH, '/$1/…').replace(/\?.*$/, '');
  return request.url;
}

export const requestSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: loggableUrl(request),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket ? request.socket.remotePort : undefined,
    };
  },
};

/** Fastify's `logger` option with these serializers added (false stays false). */
export function withRequestSerializers(logger: boolean | object | undefined): boolean | object {
  if (!logger) return false;
  const options = logger === true ? {} : logger as { serializers?: Record<string, unknown> };
  return { ...options, serializers: { ...requestSerializers, ...options.serializers } };
}
