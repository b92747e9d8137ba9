/**
 * A contact's consent: `GET /contacts/:id/consent` (its email status and
 * the append-only ledger of where each change came from) and
 * `POST /contacts/:id/unsubscribe` (staff record an opt-out the person
 * asked for by other means). Both are commands and queries of the host:
 * the unsubscribe runs in its serial queue and fires `unsubscribed()`.
 */
import type { FastifyInstance } from 'fastify';
import type { RuntimeHost } from '../../hosts/live/runtime-host';
import { unknownContact } from '../errors';
import { errorResponses, idParams } from '../schemas';

const params = idParams('id');

const ledgerLine = {
  type: 'object',
  additionalProperties: true,
  properties: { at: { type: 'string' }, event: { type: 'string' }, status: { type: 'string' }, email: { type: 'string' }, source: { type: 'object', additionalProperties: true } },
} as const;

export function consentRoutes(app: FastifyInstance, host: RuntimeHost): void {
  app.get<{ Params: { id: string } }>('/contacts/:id/consent', {
    schema: {
      summary: 'Read the consent of a contact',
      tags: ['contacts'],
      description: "The contact's email status and consent ledger, oldest first (times in ISO 8601).",
      params,
      response: { 200: { type: 'object', properties: { status: { type: 'string' }, ledger: { type: 'array', items: ledgerLine } } }, ...errorResponses },
    },
  }, async (req) => {
    if (!(await host.contact(req.params.id))) throw unknownContact(req.params.id);
    const { status, ledger } = await host.consent(req.params.id);
    return { status, ledger: ledger.map((line) => ({ ...line, at: new Date(line.at).toISOString() })) };
  });

  app.post<{ Params: { id: string } }>('/contacts/:id/unsubscribe', {
    schema: {
      summary: 'Unsubscribe a contact from marketing',
      tags: ['contacts'],
      description: 'Unsubscribe the contact from marketing email (fires unsubscribed()); a repeat changes nothing.',
      params,
      response: { 200: { type: 'object', properties: { changed: { type: 'boolean' } } }, ...errorResponses },
    },
  }, async (req) => {
    if (!(await host.contact(req.params.id))) throw unknownContact(req.params.id);
    await host.runDue();
    const result = await host.unsubscribe({ contactId: req.params.id, source: { kind: 'api', ip: req.ip } });
    await host.runDue();
    return result;
  });
}
