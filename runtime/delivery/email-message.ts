/**
 * An email effect as a nodemailer message: the same for SMTP and for the
 * `.eml` outbox, so what lands in the folder is exactly what SMTP would
 * have sent.
 */
import type { SendMailOptions } from 'nodemailer';
import { htmlToText, isHtmlBody } from './html-text';
import { messageIdFor } from './key-names';
import type { TrackLink } from './link-tokens';
import { rewriteLinks } from './rewrite-links';
import type { EmailEffect } from './transport';

export const IDEMPOTENCY_HEADER = 'X-Nudge-Idempotency-Key';

export interface EmailMessageOptions {
  /** Sender when the step names none, e.g. `"Acme <hello@acme.test>"`. */
  defaultFrom: string;
  /** Rewrites links in HTML bodies for click tracking (see linkTracker). */
  trackLink?: TrackLink;
  /** Right-hand side of Message-IDs (default `nudge.local`). */
  messageIdDomain?: string;
}

export function emailMessage(effect: EmailEffect, options: EmailMessageOptions): SendMailOptions {
  const message: SendMailOptions = {
    from: effect.from ?? options.defaultFrom,
    to: effect.to,
    subject: effect.subject,
    // The Message-ID is the idempotency key: a resend after a crash carries
    // the same one, so mail systems and the recipient's client can drop it.
    messageId: messageIdFor(effect.idempotencyKey, options.messageIdDomain),
    headers: { [IDEMPOTENCY_HEADER]: effect.idempotencyKey },
    // When the step ran, not when this attempt happened: every resend is the same message.
    date: new Date(effect.at),
  };
  if (isHtmlBody(effect)) {
    const html = options.trackLink
      ? rewriteLinks(effect.body, options.trackLink, { contactId: effect.contactId, sequenceId: effect.sequenceId, stepId: effect.stepId })
      : effect.body;
    message.html = html;
    // Clients that show only text (and spam filters that distrust HTML-only mail) get a plain version.
    message.text = htmlToText(html);
  } else {
    message.text = effect.body;
  }
  return message;
}
