/**
 * `buildApp`: the Fastify app of the runtime, built and never listening,
 * so tests drive it with `app.inject()` and `nudge serve` decides where it
 * listens. The app is a thin layer over the RuntimeHost: routes validate,
 * call the host's commands and queries (never the store: writes go
 * through the host's serial queue), and shape the answer.
 *
 * Live reload (someone else's module) keeps using `host.publish(...)`:
 * the routes read the published sequences on every request, so a newly
 * published version is served at once with no hook here.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { installPublicLimits, serverTimeouts, type PublicRateLimit, type ServerTimeouts } from './public-limits';
import type { RuntimeHost } from '../hosts/live/runtime-host';
import { installAuth, routerErrorHandler } from './auth';
import { installErrorHandler } from './error-handler';
import { errorSchema } from './errors';
import { installFormParser } from './form-parser';
import { withRequestSerializers } from './log-serializers';
import { installValidator } from './validator';
import type { HealthCheck } from './health-check';
import { clockRoutes } from './routes/clock';
import { consentRoutes } from './routes/consent';
import { consentLinkRoutes } from './routes/consent-links';
import { contactRoutes } from './routes/contacts';
import { formRoutes } from './routes/forms';
import { goalRoutes } from './routes/goals';
import { outboxRoutes } from './routes/outbox';
import { publicRoutes } from './routes/public';
import { recordRoutes } from './routes/records';
import { sequenceRoutes } from './routes/sequences';
import { webhookRoutes } from './routes/webhooks';

export interface BuildAppOptions {
  host: RuntimeHost;
  /** The bearer token every non-public route requires (at least 16 characters). */
  token: string;
  /** Fastify's logger option: false (default) in tests, pino options in `nudge serve`. */
  logger?: boolean | object;
  /** Largest request body in bytes (default 100 KiB: forms and goals are small). */
  bodyLimit?: number;
  /** Public URL of the server, for the OpenAPI document. */
  baseUrl?: string;
  /** The link key that seals tracked-link and open-pixel tokens (never the API token); without it every link is unknown. */
  linkKey?: string;
  /** What `/health` checks beyond the store's own word (folders, delivery): `nudge serve` passes its folders. */
  health?: HealthCheck;
  /** Requests per IP on public routes (`config: { public: true }`), default 120 a minute; `false` turns it off. */
  rateLimit?: PublicRateLimit | false;
  /** Request, header and idle-connection timeouts (defaults in public-limits.ts). */
  timeouts?: Partial<ServerTimeouts>;
  /** Secret of unsubscribe and confirmation tokens (`/u/:token`, `/c/:token`); without it every such link is unknown. */
  consent?: { secret: string };
}

export const DEFAULT_BODY_LIMIT = 100 * 1024;

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Request lines log a token route by its pattern, never the token (log-serializers.ts).
    logger: withRequestSerializers(opts.logger),
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    ...serverTimeouts(opts.timeouts),
    // Ids are compared exactly; `/contacts/c1/` is not `/contacts/c1`.
    // Tracked-link tokens carry their URL (sealed): longer than Fastify's default 100-character parameter.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 4096 },
    frameworkErrors: routerErrorHandler(opts.token),
  });
  app.addSchema(errorSchema);
  installErrorHandler(app);
  installAuth(app, opts.token);
  installFormParser(app);
  installValidator(app);
  // Before the routes: the limiter attaches to each route as it is added.
  await installPublicLimits(app, opts.rateLimit);

  // Registered before the routes: swagger collects routes as they are added.
  await app.register(swagger, {
    openapi: {
      info: { title: 'Nudge runtime API', version: '1', description: 'Campaign sequences as code: contacts, goals, sequences, records, outbox.' },
      servers: opts.baseUrl ? [{ url: opts.baseUrl }] : [],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Public routes say so in the document: no security requirement.
    transform: ({ schema, url, route }) => {
      const isPublic = (route.config as { public?: boolean } | undefined)?.public === true;
      return { schema: isPublic ? { ...schema, security: [] } as typeof schema : schema, url };
    },
  });

  const { host } = opts;
  publicRoutes(app, host, { linkKey: opts.linkKey, health: opts.health });
  consentLinkRoutes(app, host, opts.consent && { secret: opts.consent.secret, accountName: host.account.name });
  sequenceRoutes(app, host);
  contactRoutes(app, host);
  consentRoutes(app, host);
  formRoutes(app, host);
  goalRoutes(app, host);
  recordRoutes(app, host);
  outboxRoutes(app, host);
  clockRoutes(app, host);
  webhookRoutes(app, host);
  // Public: the API's shape is no secret, and a client reads it before it has a token.
  app.get('/docs/json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  await app.ready();
  return app;
}
