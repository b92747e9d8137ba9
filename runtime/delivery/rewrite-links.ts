/**
 * Click tracking: every `href="http(s)://..."` in an HTML body is replaced
 * by the tracked address `trackLink` gives, so a click reaches the server's
 * `/l/:token` route (which fires `linkClicked`) before the destination.
 * `mailto:`, `tel:` and in-page anchors are left alone: there is no page to
 * redirect to. Plain-text bodies are not rewritten: a bare URL in text has
 * no markup to tell it from prose, and the author sees what they wrote.
 */
import { decodeEntities, escapeAttribute } from './html-text';
import type { LinkContext, TrackLink } from './link-tokens';

const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?:\/\/[^"']*)\2/gi;

export function rewriteLinks(html: string, trackLink: TrackLink, context: LinkContext): string {
  // The attribute holds HTML text (`&amp;`): the real URL is its decoded form.
  return html.replace(HREF, (_all, before: string, quote: string, href: string) => `${before}${quote}${escapeAttribute(trackLink(decodeEntities(href), context))}${quote}`);
}
