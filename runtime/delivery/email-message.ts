/**
 * An email effect as a nodemailer message: the same for SMTP and for the
 * `.eml` outbox, so what lands in the folder is exactly what SMTP would
 * have sent.
 */
import type { SendMailOptions } from 'nodemailer';
import { escapeAttribute, htmlToText, isHtmlBody } from './html-text';
import { messageIdFor } from './key-names';
import type { OpenPixel, TrackLink } from './link-tokens';
import { rewriteLinks } from './rewrite-links';
import type { EmailEffect } from './transport';

export const IDEMPOTENCY_HEADER = 'X-Nudge-Idempotency-Key';

export interface EmailMessageOptions {
  /** Sender when the step names none, e.g. `"Acme <hello@acme.test>"`. */
  defaultFrom: string;
  /** Rewrites links in HTML bodies for click tracking (see linkTracker). */
  trackLink?: TrackLink;
  /** Appends an open pixel to HTML marketing emails (see openPixel); absent: no pixel. */
  openPixel?: OpenPixel;
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
      ? rewriteLinks(effect.body, options.trackLink, { contactId: effect.contactId, sequenceId: effect.sequenceId, stepId: effect.stepId, sentAt: effect.at })
      : effect.body;
    // Clients that show only text (and spam filters that distrust HTML-only mail) get a plain version, without the pixel.
    message.text = htmlToText(html);
    message.html = options.openPixel && isMarketing(effect)
      ? withPixel(html, options.openPixel({ sequenceId: effect.sequenceId, stepId: effect.stepId }, effect.at))
      : html;
  } else {
    message.text = effect.body;
  }
  return message;
}

/** Transactional email (a receipt, a staff notification) is never measured; marketing is the default. */
function isMarketing(effect: EmailEffect): boolean {
  return (effect as { category?: unknown }).category !== 'transactional';
}

/** A 1×1 image at the end of the body (before `</body>` when there is one): hidden, no alt text to read out. */
function withPixel(html: string, src: string): string {
  const img = `<img src="${escapeAttribute(src)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`;
  const end = html.search(/<\/body\s*>/i);
  return end < 0 ? `${html}${img}` : `${html.slice(0, end)}${img}${html.slice(end)}`;
}
