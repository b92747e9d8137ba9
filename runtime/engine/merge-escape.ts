/**
 * How a merged value is written into the place it lands. Only merged values
 * pass through here: the author's template text stays as written. Every
 * function returns text that cannot leave its slot (a value in HTML text
 * cannot open a tag, a value in a header cannot start a new header line, a
 * value in a link's path cannot change its scheme or host).
 */
import { escapeUTF8 } from 'entities';
import type { HtmlSlot } from '../../dsl/html-slots';

/**
 * What a value is written into: an HTML slot, a one-line header field (a
 * subject), an address header (From, To: also no address syntax), or plain
 * text (as is).
 */
export type MergeSlot = HtmlSlot | 'header' | 'address' | 'plain';

/** Shown instead of a merged link target that is not a web address (`javascript:`, `data:`...). */
export const INERT_URL = 'about:invalid';

/** Percent-encoding of RFC 3986's component: only letters, digits, `-._~` stay. */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Line breaks of every kind (CR, LF, NEL, LS, PS) and what surrounds them, folded to one space. */
export function oneLine(value: string): string {
  return value.replace(/[ \t]*[\r\n\u0085\u2028\u2029]+[ \t]*/g, ' ');
}

/** An absolute http(s) address with nothing that could end the attribute or hide a second one. */
const WEB_ADDRESS = /^https?:\/\/[^\s"'<>`\\]+$/i;

function unquoted(escaped: string): string {
  return escaped.replace(/[\s=`]/g, (c) => `&#${c.codePointAt(0)};`);
}

export function escapeFor(slot: MergeSlot): ((value: string) => string) | undefined {
  switch (slot) {
    case 'plain':
      return undefined;
    case 'header':
      return oneLine;
    case 'address':
      // `Ann <evil@x.test>` or `a@x, b@y` in a display name or an address would
      // change who the email is from or to: the characters of address syntax go.
      return (v) => oneLine(v).replace(/[<>",;:\\()[\]]/g, ' ');
    case 'text':
    case 'attribute':
      return escapeUTF8;
    case 'unquotedAttribute':
      return (v) => unquoted(escapeUTF8(v));
    case 'urlStart':
      return (v) => (WEB_ADDRESS.test(v.trim()) ? escapeUTF8(v.trim()) : INERT_URL);
    case 'urlHost':
    case 'urlPart':
    case 'code':
      return encodeComponent;
    case 'markup':
      return (v) => v.replace(/[^A-Za-z0-9_-]/g, '');
  }
}
