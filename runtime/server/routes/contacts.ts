/**
 * Contacts: create, read, update, delete, and a contact's history and
 * enrollments. Every write is a command of the host: tags go through the
 * engine so goals fire, and creating, updating and deleting run in the
 * host's serial queue, so they never interleave with a step on the contact.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RuntimeHost } from '../../hosts/live/runtime-host';
import type { Contact } from '../../engine/model';
import { applyNow, createNow, removeTagNow } from '../apply-now';
import { contactFields, type ContactBody } from '../contact-input';
import { customFieldCatalog } from '../custom-fields';
import { unknownContact } from '../errors';
import { nudgeError } from '../../../errors/nudge-error';
import { contactFieldsSchema, contactSchema, errorResponses, idParams, idSchema, looseList, tagsSchema } from '../schemas';

const params = idParams('id');

/** Custom fields the published sequences declare: the only custom keys a write accepts. */
const catalogOf = (host: RuntimeHost) => customFieldCatalog(host.sequences().map((s) => s.ir));

async function mustGet(host: RuntimeHost, id: string): Promise<Contact> {
  const c = await host.contact(id);
  if (!c) throw unknownContact(id);
  return c;
}

export function contactRoutes(app: FastifyInstance, host: RuntimeHost): void {
  app.get<{ Querystring: { offset: number; limit: number } }>('/contacts', {
    schema: {
      summary: 'List contacts, a page at a time',
      tags: ['contacts'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { offset: { type: 'integer', minimum: 0, default: 0 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
      },
      response: { 200: { type: 'object', properties: { total: { type: 'integer' }, contacts: { type: 'array', items: contactSchema } } } },
    },
  }, async (req) => ({
    total: await host.countContacts(),
    contacts: await host.listContacts({ offset: req.query.offset, limit: req.query.limit }),
  }));

  app.post<{ Body: ContactBody }>('/contacts', {
    schema: {
      summary: 'Create a contact',
      tags: ['contacts'],
      description: 'Create a contact. Tags given here are applied through the engine, so tagApplied goals fire.',
      body: { type: 'object', additionalProperties: false, properties: { id: idSchema, ...contactFieldsSchema, tags: tagsSchema } },
      response: { 201: contactSchema, ...errorResponses, 409: { $ref: 'NudgeError#' } },
    },
  }, async (req, reply) => {
    const id = req.body.id ?? randomUUID();
    const fields = contactFields(req.body, catalogOf(host));
    const result = await createNow(host, { ...fields, id }, { tagsApplied: req.body.tags ?? [] }, { kind: 'api', ip: req.ip });
    if (!result) {
      throw nudgeError('NUDGE_ERR_CONTACT_EXISTS', { id });
    }
    return reply.status(201).send(result.state.contact);
  });

  app.get<{ Params: { id: string } }>('/contacts/:id', {
    schema: { summary: 'Read a contact', tags: ['contacts'], params, response: { 200: contactSchema, ...errorResponses } },
  }, async (req) => mustGet(host, req.params.id));

  app.patch<{ Params: { id: string }; Body: ContactBody }>('/contacts/:id', {
    schema: {
      summary: 'Update the fields of a contact',
      tags: ['contacts'],
      description: 'Update fields (null clears one). Tags change through /contacts/:id/tags.',
      params,
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: contactFieldsSchema },
      response: { 200: contactSchema, ...errorResponses },
    },
  }, async (req) => {
    await mustGet(host, req.params.id);
    const result = await applyNow(host, req.params.id, { fields: contactFields(req.body, catalogOf(host)) });
    return result.state.contact;
  });

  app.delete<{ Params: { id: string } }>('/contacts/:id', {
    schema: { summary: 'Delete a contact and everything about it', tags: ['contacts'], description: 'Delete the contact with its enrollments, wake-up, records, outbox items and history.', params, response: { 204: { type: 'null' }, ...errorResponses } },
  }, async (req, reply) => {
    if (!(await host.deleteContact(req.params.id))) throw unknownContact(req.params.id);
    return reply.status(204).send();
  });

  app.get<{ Params: { id: string } }>('/contacts/:id/history', {
    schema: { summary: 'List the steps a contact went through', tags: ['contacts'], description: 'Every step the contact went through, oldest first (times in ISO 8601).', params, response: { 200: looseList, ...errorResponses } },
  }, async (req) => {
    await mustGet(host, req.params.id);
    return (await host.history(req.params.id)).map((h) => ({ ...h, time: new Date(h.time).toISOString() }));
  });

  app.get<{ Params: { id: string } }>('/contacts/:id/enrollments', {
    schema: { summary: 'List the enrollments of a contact', tags: ['contacts'], params, response: { 200: looseList, ...errorResponses } },
  }, async (req) => {
    await mustGet(host, req.params.id);
    return host.enrollments(req.params.id);
  });

  app.post<{ Params: { id: string }; Body: { tags: string[] } }>('/contacts/:id/tags', {
    schema: {
      summary: 'Apply tags to a contact',
      tags: ['contacts', 'goals'],
      description: 'Apply tags; each one the contact did not have fires tagApplied.',
      params,
      body: { type: 'object', additionalProperties: false, required: ['tags'], properties: { tags: { ...tagsSchema, minItems: 1 } } },
      response: { 200: contactSchema, ...errorResponses },
    },
  }, async (req) => {
    await mustGet(host, req.params.id);
    return (await applyNow(host, req.params.id, { tagsApplied: req.body.tags })).state.contact;
  });

  app.delete<{ Params: { id: string; tag: string } }>('/contacts/:id/tags/:tag', {
    schema: {
      summary: 'Remove a tag from a contact',
      tags: ['contacts'],
      params: { type: 'object', required: ['id', 'tag'], properties: { id: idSchema, tag: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 200: contactSchema, ...errorResponses },
    },
  }, async (req) => {
    await mustGet(host, req.params.id);
    return (await removeTagNow(host, req.params.id, req.params.tag)).state.contact;
  });
}
