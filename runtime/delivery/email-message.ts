/**
 * An email effect as a nodemailer message: the same for SMTP and for the
 * `.eml` outbox, so what lands in the folder is exactly what SMTP would
 * have sent.
 */
import type { SendMailOptions } from 'nodemailer';
import { CONFIRM_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, type ConsentLinks } from './consent-links';
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
  /** Unsubscribe and confirmation links (see consentLinks); without them the placeholders stay as written. */
  consentLinks?: ConsentLinks;
}

/**
 * Marketing email gets List-Unsubscribe; transactional email (staff
 * notifications, opt-in confirmations) does not. Items without a category
 * (queued before there was one) count as marketing when they carry an
 * unsubscribe link: those were emails to the contact.
 */
export function isMarketing(effect: EmailEffect): boolean {
  if (effect.confirmForm !== undefined) return false;
  return effect.category === undefined ? effect.body.includes(UNSUBSCRIBE_PLACEHOLDER) : effect.category === 'marketing';
}

/** This email's own links, sealed once, so the header and the body carry the same token. */
interface FilledLinks {
  unsubscribe: string;
  mailto?: string;
  confirm?: string;
}

function linksFor(effect: EmailEffect, links: ConsentLinks): FilledLinks {
  const { url: unsubscribe, mailto } = links.unsubscribe(effect);
  const confirm = effect.confirmForm !== undefined ? links.confirmUrl({ ...effect, formId: effect.confirmForm }) : undefined;
  return { unsubscribe, ...(mailto ? { mailto } : {}), ...(confirm ? { confirm } : {}) };
}

/** RFC 2369 and RFC 8058: the HTTPS link (for the one-click POST) and, when configured, a mailto. */
function listUnsubscribeHeaders(links: FilledLinks): Record<string, string> {
  return {
    'List-Unsubscribe': [links.unsubscribe, links.mailto].filter((u) => u !== undefined).map((u) => `<${u}>`).join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The body with its placeholders replaced by this contact's links; `inHtml` escapes them for an attribute. */
function fillLinks(body: string, links: FilledLinks | undefined, inHtml: boolean): string {
  if (!links) return body;
  const write = (url: string) => (inHtml ? escapeAttribute(url) : url);
  let out = body;
  if (out.includes(UNSUBSCRIBE_PLACEHOLDER)) out = out.split(UNSUBSCRIBE_PLACEHOLDER).join(write(links.unsubscribe));
  if (links.confirm !== undefined && out.includes(CONFIRM_PLACEHOLDER)) out = out.split(CONFIRM_PLACEHOLDER).join(write(links.confirm));
  return out;
}

export function emailMessage(effect: EmailEffect, options: EmailMessageOptions): SendMailOptions {
  const links = options.consentLinks ? linksFor(effect, options.consentLinks) : undefined;
  const message: SendMailOptions = {
    from: effect.from ?? options.defaultFrom,
    to: effect.to,
    subject: effect.subject,
    // The Message-ID is the idempotency key: a resend after a crash carries
    // the same one, so mail systems and the recipient's client can drop it.
    messageId: messageIdFor(effect.idempotencyKey, options.messageIdDomain),
    headers: {
      [IDEMPOTENCY_HEADER]: effect.idempotencyKey,
      ...(links && isMarketing(effect) ? listUnsubscribeHeaders(links) : {}),
    },
    // When the step ran, not when this attempt happened: every resend is the same message.
    date: new Date(effect.at),
  };
  if (isHtmlBody(effect)) {
    const tracked = options.trackLink
      ? rewriteLinks(effect.body, options.trackLink, { contactId: effect.contactId, sequenceId: effect.sequenceId, stepId: effect.stepId, sentAt: effect.at })
      : effect.body;
    // After tracking: the unsubscribe and confirmation links are never tracked clicks.
    const html = fillLinks(tracked, links, true);
    // Clients that show only text (and spam filters that distrust HTML-only mail) get a plain version, without the pixel.
    message.text = htmlToText(html);
    message.html = options.openPixel && isMarketing(effect)
      ? withPixel(html, options.openPixel({ sequenceId: effect.sequenceId, stepId: effect.stepId }, effect.at))
      : html;
  } else {
    message.text = fillLinks(effect.body, links, false);
  }
  return message;
}

/** A 1×1 image at the end of the body (before `</body>` when there is one): hidden, no alt text to read out. */
function withPixel(html: string, src: string): string {
  const img = `<img src="${escapeAttribute(src)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`;
  const end = html.search(/<\/body\s*>/i);
  return end < 0 ? `${html}${img}` : `${html.slice(0, end)}${img}${html.slice(end)}`;
}
