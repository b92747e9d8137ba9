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
import type { RuntimeHost } from '../hosts/live/runtime-host';
import { installAuth, routerErrorHandler } from './auth';
import { installErrorHandler } from './error-handler';
import { errorSchema } from './errors';
import { installFormParser } from './form-parser';
import { installValidator } from './validator';
import { clockRoutes } from './routes/clock';
import { consentLinkRoutes } from './routes/consent-links';
import { contactRoutes } from './routes/contacts';
import { formRoutes } from './routes/forms';
import { goalRoutes } from './routes/goals';
import { outboxRoutes } from './routes/outbox';
import { publicRoutes } from './routes/public';
import { recordRoutes } from './routes/records';
import { sequenceRoutes } from './routes/sequences';

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
  /** Secret of tracked-link tokens (`/l/:token`); without it every link is unknown. */
  linkSecret?: string;
  /** Secret of unsubscribe and confirmation tokens (`/u/:token`, `/c/:token`); without it every such link is unknown. */
  consent?: { secret: string };
}

export const DEFAULT_BODY_LIMIT = 100 * 1024;

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Ids are compared exactly; `/contacts/c1/` is not `/contacts/c1`.
    // Tracked-link tokens carry their URL: longer than Fastify's default 100-character parameter.
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 4096 },
    frameworkErrors: routerErrorHandler(opts.token),
  });
  app.addSchema(errorSchema);
  installErrorHandler(app);
  installAuth(app, opts.token);
  installFormParser(app);
  installValidator(app);

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
  publicRoutes(app, host, opts.linkSecret);
  consentLinkRoutes(app, host, opts.consent && { secret: opts.consent.secret, accountName: host.account.name });
  sequenceRoutes(app, host);
  contactRoutes(app, host);
  formRoutes(app, host);
  goalRoutes(app, host);
  recordRoutes(app, host);
  outboxRoutes(app, host);
  clockRoutes(app, host);
  app.get('/docs/json', { schema: { hide: true } }, async () => app.swagger());

  await app.ready();
  return app;
}
