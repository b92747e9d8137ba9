/**
 * Just enough HTML handling for outgoing items: telling an HTML body from a
 * plain one, and a readable plain-text version of it (the text/plain
 * alternative of an email, the text of a letter or fax). Bodies are the
 * author's own short templates, not arbitrary web pages, so a careful
 * regex pass is enough and keeps a parser out of the runtime.
 */
import { looksLikeHtml } from '../../dsl/html-slots';
import type { OutgoingMessage } from '../engine/effects';

export { looksLikeHtml };

/**
 * Whether an item's body is HTML: as its author wrote it (the engine says),
 * else, for an item queued before the engine said, as it looks.
 */
export function isHtmlBody(item: Pick<OutgoingMessage, 'body' | 'bodyFormat'>): boolean {
  return item.bodyFormat ? item.bodyFormat === 'html' : looksLikeHtml(item.body);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10)) ?? whole;
    return ENTITIES[lower] ?? whole;
  });
}

function safeCodePoint(n: number): string | undefined {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text from HTML: block ends and `<br>` become line breaks, a link
 * keeps its address (`text (url)`) so the plain version stays usable,
 * scripts and styles disappear, entities are decoded.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<a\b[^>]*?\bhref\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a\s*>/gi, (_all, _q, href: string, inner: string) => {
      const label = inner.replace(/<[^>]*>/g, '').trim();
      const url = decodeEntities(href);
      return label === '' || decodeEntities(label) === url ? url : `${label} (${url})`;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/(p|div|h[1-6]|li|ul|ol|tr|table|blockquote|section|header|footer)\s*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[ \t\f\v\r]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The body as plain text, whichever it was written in. */
export function plainText(item: Pick<OutgoingMessage, 'body' | 'bodyFormat'>): string {
  return isHtmlBody(item) ? htmlToText(item.body) : item.body;
}
