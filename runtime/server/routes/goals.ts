/**
 * Goals and events from outside: API goals, custom events, purchases.
 * Each runs the contact through the engine at the current instant, so the
 * sequences whose startOn matches enroll it and those whose stopOn
 * matches remove it; the answer says what that instant did.
 */
import type { FastifyInstance } from 'fastify';
import type { GoalEvent } from '../../engine/goals';
import type { RuntimeHost } from '../../hosts/live/runtime-host';
import { applyNow, summarise, summarySchema } from '../apply-now';
import { unknownContact } from '../errors';
import { contactIdBody, errorResponses, idParams, idSchema } from '../schemas';

async function fire(host: RuntimeHost, contactId: string, goal: GoalEvent) {
  if (!(await host.contact(contactId))) throw unknownContact(contactId);
  return summarise(await applyNow(host, contactId, { goals: [goal] }));
}

const response = { 200: summarySchema, ...errorResponses };

/**
 * Goals and events are machine-to-machine and by far the most frequent
 * requests, and Fastify's two log lines per request at info would be a
 * large share of what answering one costs. So these routes log at warn:
 * errors still do (5xx at error level), successes and 4xx answers do not.
 * A server started at debug or trace keeps them all.
 */
function quiet(app: FastifyInstance): { logLevel?: 'warn' } {
  return app.log.level === 'info' ? { logLevel: 'warn' } : {};
}

export function goalRoutes(app: FastifyInstance, host: RuntimeHost): void {
  const logLevel = quiet(app);
  app.post<{ Params: { name: string }; Body: { contactId: string } }>('/goals/api/:name', {
    ...logLevel,
    schema: { summary: 'Achieve an API goal for a contact', tags: ['goals'], description: 'Achieve the API goal `apiGoal(name)` for a contact.', params: idParams('name'), body: contactIdBody, response },
  }, async (req) => fire(host, req.body.contactId, { kind: 'apiGoal', name: req.params.name }));

  app.post<{ Params: { name: string }; Body: { contactId: string } }>('/events/:name', {
    ...logLevel,
    schema: { summary: 'Post a custom event for a contact', tags: ['goals'], description: 'Post the custom event `event(name)` for a contact.', params: idParams('name'), body: contactIdBody, response },
  }, async (req) => fire(host, req.body.contactId, { kind: 'event', name: req.params.name }));

  app.post<{ Body: { contactId: string; product: string; failed?: boolean } }>('/purchases', {
    ...logLevel,
    schema: {
      summary: 'Record a purchase (or a failed payment)',
      tags: ['goals'],
      description: 'A purchase made outside the sequences: fires purchased(product), or purchaseFailed(product) with failed: true.',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['contactId', 'product'],
        properties: { contactId: idSchema, product: { type: 'string', minLength: 1, maxLength: 200 }, failed: { type: 'boolean', default: false } },
      },
      response,
    },
  }, async (req) => fire(host, req.body.contactId, { kind: req.body.failed ? 'purchaseFailed' : 'purchased', product: req.body.product }));
}
