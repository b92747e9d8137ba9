/**
 * Double opt-in: a form declared with `doubleOptIn: true` does not make
 * its new contact marketable. The post stores the contact as
 * `non-marketable` and queues a transactional confirmation email whose
 * link (`<publicUrl>/c/<token>`, filled in by delivery) leads to a page
 * with a button; the person's click confirms the address (`confirmed`)
 * and only then counts the form as submitted, so the sequences that start
 * on it begin once there is consent to mail.
 *
 * A command on the live host like its own: its write runs in the host's
 * serial queue (`exclusive`) and is durable before it resolves.
 */
import { escapeUTF8 } from 'entities';
import type { SequenceIR } from '../../../dsl/ir';
import type { OutgoingMessage } from '../../engine/effects';
import { emailStatusOf, type EmailStatus } from '../../engine/email-status';
import type { RuntimeHost } from './runtime-host';

/** What the confirmation email's body holds where its link goes (delivery's CONFIRM_PLACEHOLDER). */
const CONFIRM_LINK = 'nudge:confirm';
/** The outbox item's sequence id: it belongs to a form, not to a sequence. */
export const OPT_IN_SEQUENCE_ID = 'double-opt-in';

/** Addresses a confirmation is not sent to: already confirmed, or mail to them bounces or was reported as spam. */
const NO_CONFIRMATION: ReadonlySet<EmailStatus> = new Set(['confirmed', 'hard-bounce', 'complaint', 'invalid']);

/** Whether a published sequence declares the form with `doubleOptIn: true` (the form declaration's flag). */
export function formWantsDoubleOptIn(sequences: readonly { ir: SequenceIR }[], formId: string): boolean {
  return sequences.some(({ ir }) => [...ir.startOn, ...ir.stopOn].some((g) =>
    g.kind === 'formSubmitted' && g.formId === formId && (g as { form?: { doubleOptIn?: unknown } }).form?.doubleOptIn === true));
}

function confirmationEmail(contactId: string, email: string, formId: string, at: number, accountName: string | undefined): OutgoingMessage {
  const who = accountName ? escapeUTF8(accountName) : 'us';
  return {
    type: 'email', category: 'transactional', confirmForm: formId,
    contactId, sequenceId: OPT_IN_SEQUENCE_ID, stepId: formId, at,
    idempotencyKey: `${OPT_IN_SEQUENCE_ID}/${formId}/${contactId}/${at}`,
    to: [email],
    subject: accountName ? `Please confirm your subscription to ${accountName.replace(/[\r\n]+/g, ' ')}` : 'Please confirm your subscription',
    body: [
      `<p>Please confirm that you want to receive email from ${who}.</p>`,
      `<p><a href="${CONFIRM_LINK}">Confirm my subscription</a></p>`,
      '<p>If you did not sign up, ignore this email: you will not hear from us again.</p>',
    ].join('\n'),
    bodyFormat: 'html',
  };
}

/**
 * Queues the confirmation email of `formId` for the contact, unless its
 * address needs none (confirmed) or must not get one; returns whether it did.
 */
export async function queueOptInConfirmation(host: RuntimeHost, input: { contactId: string; formId: string }): Promise<boolean> {
  const queued = await host.exclusive(async () => {
    const contact = await host.contact(input.contactId);
    if (!contact || typeof contact.email !== 'string' || contact.email.trim() === '') return false;
    if (NO_CONFIRMATION.has(emailStatusOf(contact))) return false;
    const effect = confirmationEmail(contact.id, contact.email, input.formId, host.clock.now(), host.account.name);
    await host.store.commit({ outbox: [{ key: effect.idempotencyKey, effect, status: 'pending', attempts: 0 }] });
    return true;
  });
  await host.store.flush();
  return queued;
}
