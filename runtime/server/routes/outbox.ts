/**
 * What the sequences send: the outbox (emails, faxes, letters, HTTP Posts
 * with their delivery status) and fulfillment lists as CSV.
 */
import type { FastifyInstance } from 'fastify';
import type { OutboxItem, RuntimeHost } from '../../hosts/live/runtime-host';
import { errorResponses, idSchema, looseList } from '../schemas';

export function outboxRoutes(app: FastifyInstance, host: RuntimeHost): void {
  app.get<{ Querystring: { status?: OutboxItem['status']; contactId?: string } }>('/outbox', {
    schema: {
      summary: 'List the outbox: emails, letters and posts',
      tags: ['outbox'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { status: { type: 'string', enum: ['pending', 'sent', 'failed'] }, contactId: idSchema },
      },
      response: { 200: looseList, ...errorResponses },
    },
  }, async (req) => host.listOutbox({ status: req.query.status, contactId: req.query.contactId }));

  // `:list.csv` in the URL, so a browser saves it under a sensible name.
  app.get<{ Params: { list: string } }>('/fulfillment/:list.csv', {
    schema: {
      summary: 'Download a fulfillment list as CSV',
      tags: ['outbox'],
      description: 'A fulfillment list as CSV (RFC 4180); an unknown list is an empty one (header only).',
      params: { type: 'object', required: ['list'], properties: { list: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 200: { type: 'string', description: 'text/csv' }, ...errorResponses },
    },
  }, async (req, reply) => {
    const csv = await host.fulfillmentCsv(req.params.list);
    const file = req.params.list.replace(/[^\w.-]+/g, '_');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}.csv"`)
      .send(csv);
  });
}
