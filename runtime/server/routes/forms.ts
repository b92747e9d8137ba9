/**
 * Web form submission, `POST /forms/:formId`: public (a browser posts it
 * without a token), JSON or an ordinary HTML form post. It creates the
 * contact or updates the one with that email, applies the form's tags,
 * then fires formSubmitted(formId).
 *
 * Because anyone may call it, it only accepts forms some published
 * sequence listens to (so it cannot fill the store with contacts for forms
 * nobody uses), and its answer never says whether the email was known.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RuntimeHost } from '../../hosts/live/runtime-host';
import { formWantsDoubleOptIn, queueOptInConfirmation } from '../../hosts/live/opt-in';
import { applyNow, createNow } from '../apply-now';
import { contactFields, type ContactBody } from '../contact-input';
import { nudgeError } from '../../../errors/nudge-error';
import { findContactIdByEmail } from '../find-by-email';
import { EMAIL, contactFieldsSchema, errorResponses, idParams, tagsSchema } from '../schemas';

/**
 * A double opt-in form: a new contact is not marketable until it confirms,
 * and the form counts as submitted (formSubmitted) only at the confirmation
 * click, unless the address is confirmed already (hosts/live/opt-in.ts).
 */
async function doubleOptIn(host: RuntimeHost, contactId: string | undefined): Promise<{ confirmed: boolean; contact?: { emailStatus: 'non-marketable' } }> {
  if (contactId === undefined) return { confirmed: false, contact: { emailStatus: 'non-marketable' } };
  const consent = await host.consent(contactId).catch(() => undefined);
  return { confirmed: consent?.status === 'confirmed' };
}

function formIsUsed(host: RuntimeHost, formId: string): boolean {
  return host.sequences().some(({ ir }) =>
    [...ir.startOn, ...ir.stopOn].some((g) => g.kind === 'formSubmitted' && g.formId === formId));
}

export function formRoutes(app: FastifyInstance, host: RuntimeHost): void {
  app.post<{ Params: { formId: string }; Body: ContactBody & { email: string } }>('/forms/:formId', {
    config: { public: true },
    schema: {
      tags: ['goals'],
      description: 'Web form submission (no token): creates or updates the contact by email, then fires formSubmitted(formId).',
      params: idParams('formId'),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['email'],
        properties: { ...contactFieldsSchema, email: { type: 'string', maxLength: 320, pattern: EMAIL }, tags: tagsSchema },
      },
      response: { 202: { type: 'object', properties: { received: { type: 'boolean' } } }, ...errorResponses },
    },
  }, async (req, reply) => {
    const { formId } = req.params;
    if (!formIsUsed(host, formId)) {
      throw nudgeError('NUDGE_ERR_UNKNOWN_FORM', { formId });
    }
    const fields = contactFields(req.body);
    const input = { fields, tagsApplied: req.body.tags ?? [], goals: [{ kind: 'formSubmitted' as const, formId }] };
    let id = await findContactIdByEmail(host, req.body.email);
    const optIn = formWantsDoubleOptIn(host.sequences(), formId) ? await doubleOptIn(host, id) : undefined;
    if (id === undefined) {
      id = randomUUID();
      await createNow(host, { id, email: req.body.email, ...optIn?.contact }, optIn ? { ...input, goals: [] } : input);
    } else {
      await applyNow(host, id, optIn?.confirmed === false ? { ...input, goals: [] } : input);
    }
    if (optIn && !optIn.confirmed) await queueOptInConfirmation(host, { contactId: id, formId });
    req.log.info({ formId, contactId: id }, 'form submitted');
    return reply.status(202).send({ received: true });
  });
}
