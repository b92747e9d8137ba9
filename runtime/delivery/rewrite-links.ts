/**
 * Click tracking: every `href="http(s)://..."` in an HTML body is replaced
 * by the tracked address `trackLink` gives, so a click reaches the server's
 * `/l/:token` route (which counts it and fires `linkClicked`) before the
 * destination. Links are numbered in document order: the index is part of
 * the token, so "this contact clicked this link" has a key.
 *
 * `mailto:`, `tel:` and in-page anchors are left alone: there is no page to
 * redirect to. Plain-text bodies are not rewritten: a bare URL in text has
 * no markup to tell it from prose, and the author sees what they wrote.
 * Only the template's links reach here as links: a merged value can never
 * open an element or an attribute, and a merged link target that is not a
 * web address renders as `about:invalid` (runtime/engine/merge-escape.ts).
 */
import { decodeEntities, escapeAttribute } from './html-text';
import type { TrackLink } from './link-tokens';

const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?:\/\/[^"']*)\2/gi;

export interface RewriteContext {
  contactId: string;
  sequenceId: string;
  stepId: string;
  /** When the step ran: tokens expire counting from it. */
  sentAt: number;
}

export function rewriteLinks(html: string, trackLink: TrackLink, { sentAt, ...who }: RewriteContext): string {
  let link = 0;
  // The attribute holds HTML text (`&amp;`): the real URL is its decoded form.
  return html.replace(HREF, (all, before: string, quote: string, href: string) => {
    const tracked = trackLink(decodeEntities(href), { ...who, link: link++ }, sentAt);
    return tracked === undefined ? all : `${before}${quote}${escapeAttribute(tracked)}${quote}`;
  });
}
