/**
 * Published sequences: the list with per-step counts, one sequence's IR,
 * and adding or removing a contact by hand (Keap's "add to sequence" /
 * "remove from sequence").
 */
import type { FastifyInstance } from 'fastify';
import type { RuntimeHost, PublishedSequence } from '../../hosts/live/runtime-host';
import { applyNow } from '../apply-now';
import { unknownContact, unknownSequence } from '../errors';
import { contactIdBody, errorResponses, idParams, idSchema, looseObject } from '../schemas';
import { sequenceReport, sequenceReportSchema } from '../sequence-report';

function mustGetSequence(host: RuntimeHost, id: string): PublishedSequence {
  const s = host.sequence(id);
  if (!s) throw unknownSequence(id, host.sequences().map((x) => x.ir.id));
  return s;
}

async function mustHaveContact(host: RuntimeHost, id: string): Promise<void> {
  if (!(await host.contact(id))) throw unknownContact(id);
}

const enrollmentAnswer = {
  type: 'object',
  properties: { changed: { type: 'boolean' }, enrollment: { anyOf: [looseObject, { type: 'null' }] } },
} as const;

export function sequenceRoutes(app: FastifyInstance, host: RuntimeHost): void {
  app.get('/sequences', {
    schema: { summary: 'List published sequences with their counts', tags: ['sequences'], response: { 200: { type: 'array', items: sequenceReportSchema } } },
  }, async () => Promise.all(host.sequences().map((s) => sequenceReport(host, s.ir, s.version))));

  app.get<{ Params: { id: string } }>('/sequences/:id', {
    schema: {
      summary: 'Read a published sequence and its report',
      tags: ['sequences'],
      description: 'The published version, its IR (the JSON the DSL builds) and its report: per-step counts, and per email step what became of its emails.',
      params: idParams('id'),
      response: { 200: { type: 'object', properties: { version: { type: 'integer' }, ir: looseObject, report: sequenceReportSchema } }, ...errorResponses },
    },
  }, async (req) => {
    const s = mustGetSequence(host, req.params.id);
    return { version: s.version, ir: s.ir, report: await sequenceReport(host, s.ir, s.version) };
  });

  app.post<{ Params: { id: string }; Body: { contactId: string } }>('/sequences/:id/contacts', {
    schema: {
      summary: 'Enroll a contact in a sequence',
      tags: ['sequences'],
      description: 'Enroll a contact (respects reentry; a contact already active is not enrolled twice: changed is false).',
      params: idParams('id'),
      body: contactIdBody,
      response: { 200: enrollmentAnswer, ...errorResponses },
    },
  }, async (req) => {
    mustGetSequence(host, req.params.id);
    await mustHaveContact(host, req.body.contactId);
    const before = await host.enrollments(req.body.contactId);
    const result = await applyNow(host, req.body.contactId, { enroll: [req.params.id] });
    const mine = result.state.enrollments.filter((e) => e.sequenceId === req.params.id);
    const entriesBefore = before.filter((e) => e.sequenceId === req.params.id).length;
    return { changed: mine.length > entriesBefore, enrollment: mine[mine.length - 1] ?? null };
  });

  app.delete<{ Params: { id: string; contactId: string } }>('/sequences/:id/contacts/:contactId', {
    schema: {
      summary: 'Remove a contact from a sequence',
      tags: ['sequences'],
      description: 'Remove a contact from the sequence (changed is false when it was not active in it).',
      params: { type: 'object', required: ['id', 'contactId'], properties: { id: idSchema, contactId: idSchema } },
      response: { 200: enrollmentAnswer, ...errorResponses },
    },
  }, async (req) => {
    mustGetSequence(host, req.params.id);
    await mustHaveContact(host, req.params.contactId);
    const before = await host.enrollments(req.params.contactId);
    const wasActive = before.some((e) => e.sequenceId === req.params.id && e.status === 'active');
    const result = await applyNow(host, req.params.contactId, { remove: [req.params.id] });
    const mine = result.state.enrollments.filter((e) => e.sequenceId === req.params.id);
    return { changed: wasActive, enrollment: mine[mine.length - 1] ?? null };
  });
}
