/**
 * The CRM records sequences create: tasks, appointments, opportunities,
 * orders and notes, filtered by contact or staff user; and completing a
 * task (the one record staff change by hand).
 */
import type { FastifyInstance } from 'fastify';
import type { RecordType, RuntimeHost } from '../../hosts/live/runtime-host';
import { notFound } from '../errors';
import { errorResponses, idParams, idSchema, looseList, looseObject } from '../schemas';

const filters = {
  type: 'object',
  additionalProperties: false,
  properties: { contactId: idSchema, userId: idSchema },
} as const;

/** URL segment → record type. */
const LISTS: Array<[string, RecordType]> = [
  ['tasks', 'task'],
  ['appointments', 'appointment'],
  ['opportunities', 'opportunity'],
  ['orders', 'order'],
  ['notes', 'note'],
];

export function recordRoutes(app: FastifyInstance, host: RuntimeHost): void {
  for (const [segment, type] of LISTS) {
    app.get<{ Querystring: { contactId?: string; userId?: string } }>(`/${segment}`, {
      schema: { summary: `List the ${segment} sequences created`, tags: ['records'], description: `The ${segment} sequences created, oldest first.`, querystring: filters, response: { 200: looseList, ...errorResponses } },
    }, async (req) => host.listRecords(type, { contactId: req.query.contactId, userId: req.query.userId }));
  }

  app.patch<{ Params: { id: string }; Body: { completed: boolean } }>('/tasks/:id', {
    schema: {
      summary: 'Complete or reopen a task',
      tags: ['records'],
      description: 'Mark a task completed (now) or open again.',
      params: idParams('id'),
      body: { type: 'object', additionalProperties: false, required: ['completed'], properties: { completed: { type: 'boolean' } } },
      response: { 200: looseObject, ...errorResponses },
    },
  }, async (req) => {
    const task = await host.completeTask(req.params.id, req.body.completed);
    if (!task) throw notFound(`No task with id "${req.params.id}".`);
    return task;
  });
}
