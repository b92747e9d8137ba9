/**
 * Web form submission, `POST /forms/:formId`: public (a browser posts it
 * without a token), JSON or an ordinary HTML form post. It creates the
 * contact or updates the one with that email, applies the tags the post
 * asks for, then fires formSubmitted(formId).
 *
 * Because anyone may call it, it only accepts forms some published
 * sequence listens to (so it cannot fill the store with contacts for forms
 * nobody uses), only the fields and tags the form declares (`defineForm`),
 * never overwrites what an existing contact has unless the form declares
 * the field updatable, and its answer never says whether the email was known.
 * Finding and creating happen in one unit of work of the host, so two
 * posts of one new address make one contact.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RuntimeHost } from '../../hosts/live/runtime-host';
import { formWantsDoubleOptIn, queueOptInConfirmation } from '../../hosts/live/opt-in';
import { contactFields, checkedEmail } from '../contact-input';
import { customFieldCatalog } from '../custom-fields';
import { checkFormPost, fieldsForExisting, formDeclaration, type FormPost } from '../form-declaration';
import { nudgeError } from '../../../errors/nudge-error';
import { contactFieldsSchema, errorResponses, idParams, tagsSchema } from '../schemas';

/** A form writes text, never clears: no `null`, and never the owner or the card. */
const formText = { type: 'string', maxLength: 10_000 } as const;
const { ownerId: _o, card: _c, email: _e, address, custom, ...standard } = contactFieldsSchema;
const formFields = {
  ...Object.fromEntries(Object.keys(standard).map((k) => [k, formText])),
  address: { ...address, properties: Object.fromEntries(Object.keys(address.properties).map((k) => [k, formText])) },
  custom: { ...custom, maxProperties: 50, additionalProperties: { type: ['string', 'number', 'boolean'] } },
};

export function formRoutes(app: FastifyInstance, host: RuntimeHost): void {
  app.post<{ Params: { formId: string }; Body: FormPost }>('/forms/:formId', {
    config: { public: true },
    // Fastify's two request lines at info were about a fifth of a post's cost, and kept /health
    // waiting behind bursts. Who posted what, when and from where is in the consent ledger;
    // refused posts (4xx) and failures still log at warn and error. A server at debug keeps them all.
    ...(app.log.level === 'info' ? { logLevel: 'warn' as const } : {}),
    schema: {
      summary: 'Submit a web form',
      tags: ['goals'],
      description: 'Web form submission (no token): creates or updates the contact by email with the fields the form declares, then fires formSubmitted(formId).',
      params: idParams('formId'),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['email'],
        properties: { ...formFields, email: { type: 'string', maxLength: 320 }, tags: { ...tagsSchema, maxItems: 20 } },
      },
      response: { 202: { type: 'object', properties: { received: { type: 'boolean' } } }, ...errorResponses },
    },
  }, async (req, reply) => {
    const { formId } = req.params;
    const irs = host.sequences().map((s) => s.ir);
    const { used, form } = formDeclaration(irs, formId);
    if (!used) throw nudgeError('NUDGE_ERR_UNKNOWN_FORM', { formId });
    const email = checkedEmail(req.body.email, `Form "${formId}"`);
    const catalog = customFieldCatalog(irs);
    checkFormPost(formId, form, req.body, catalog);
    const { tags, ...body } = req.body;
    const posted = contactFields({ ...body, email }, catalog);
    const tagsApplied = tags ?? [];
    // Double opt-in: the form counts as submitted (and a new contact becomes marketable) only at the
    // confirmation click, unless the address is confirmed already (hosts/live/opt-in.ts).
    const doubleOptIn = formWantsDoubleOptIn(host.sequences(), formId);
    let awaitsConfirmation = false;
    const goalsFor = (confirmed: boolean) => {
      awaitsConfirmation = doubleOptIn && !confirmed;
      return awaitsConfirmation ? [] : [{ kind: 'formSubmitted' as const, formId }];
    };
    await host.runDue();
    const { result } = await host.upsertByEmail(email, (existing) => {
      if (existing) return { input: { fields: fieldsForExisting(existing, posted, form.updatable), tagsApplied, goals: goalsFor(existing.emailStatus === 'confirmed') } };
      const { email: _typed, ...rest } = posted;
      const goals = goalsFor(false);
      return { create: { id: randomUUID(), email, ...(doubleOptIn ? { emailStatus: 'non-marketable' as const } : {}) }, input: { fields: rest, tagsApplied, goals } };
    }, undefined, { kind: 'form', id: formId, ip: req.ip });
    const contactId = result.state.contact.id;
    if (awaitsConfirmation) await queueOptInConfirmation(host, { contactId, formId });
    await host.runDue();
    req.log.info({ formId, contactId }, 'form submitted');
    return reply.status(202).send({ received: true });
  });
}
