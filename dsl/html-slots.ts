/**
 * Where each merge field of an author's HTML template lands, found once by
 * running htmlparser2's tokenizer over the template: in text, inside an
 * attribute value (quoted or not), at the start, in the host or in the path
 * of a link, in script or style, or inside the markup itself (a tag or
 * attribute name). The engine escapes each merged value for its slot; the
 * validator flags links whose target the contact's data would choose.
 *
 * @example
 * htmlSlots('<a href="https://acme.test/?r=~Contact.Id~">~Contact.FirstName~</a>', findMergeTokens(t))
 * // → ['urlPart', 'text']
 */
import { QuoteType, Tokenizer } from 'htmlparser2';
import type { MergeToken } from './merge-fields';

export type HtmlSlot =
  /** Element text (also comments, `<title>`, `<textarea>`). */
  | 'text'
  /** A quoted attribute value that is not a link or code. */
  | 'attribute'
  /** An unquoted attribute value: whitespace would start a new attribute. */
  | 'unquotedAttribute'
  /** The first thing in a link attribute (`href`, `src`...): the value would be the whole target. */
  | 'urlStart'
  /** In a link's scheme or host, after some author text (`https://~Contact.Shop~.acme.test`). */
  | 'urlHost'
  /** In a link's path, query or fragment: a URL component. */
  | 'urlPart'
  /** Script, style, `style="..."` or an `on...` handler: code, never data. */
  | 'code'
  /** A tag name, an attribute name, or between attributes. */
  | 'markup';

/** A body "is HTML" when it contains at least one tag such as `<p>`, `<br/>` or `</a>`. */
export function looksLikeHtml(body: string): boolean {
  return /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i.test(body);
}

/** Attributes whose value is a URL the client fetches or follows. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'background', 'cite', 'poster', 'data', 'longdesc',
  'usemap', 'lowsrc', 'dynsrc', 'codebase', 'manifest', 'icon', 'ping', 'archive', 'classid', 'profile', 'xlink:href',
]);
const RAW_TEXT_TAGS = new Set(['script', 'style']);

/**
 * A link prefix still in its scheme or host: `http`, `https://`,
 * `https://shop-`, `//`. After `mailto:` or `tel:` the value is a component.
 */
const BEFORE_PATH = /^\s*([a-z][a-z0-9+.-]*(:\/\/[^/?#]*)?|\/\/[^/?#]*)$/i;

interface Region { start: number; end: number; slot: HtmlSlot | 'link' }

/** One slot per token, in the tokens' order. */
export function htmlSlots(template: string, tokens: readonly MergeToken[]): HtmlSlot[] {
  // Each field becomes letters of the same length: offsets stay, and no field
  // (or its fallback) can change what the tokenizer sees.
  let masked = '';
  let last = 0;
  for (const t of tokens) {
    masked += template.slice(last, t.index) + 'x'.repeat(t.raw.length);
    last = t.index + t.raw.length;
  }
  masked += template.slice(last);

  const regions: Region[] = [];
  let tagName = '';
  let rawText = false;
  let attr = { name: '', start: -1, end: -1 };
  const tokenizer = new Tokenizer({ decodeEntities: false }, {
    ontext(start, end) { regions.push({ start, end, slot: rawText ? 'code' : 'text' }); },
    oncomment(start, end) { regions.push({ start, end, slot: 'text' }); },
    oncdata(start, end) { regions.push({ start, end, slot: 'text' }); },
    onopentagname(start, end) { tagName = masked.slice(start, end).toLowerCase(); },
    onopentagend() { rawText = RAW_TEXT_TAGS.has(tagName); },
    onselfclosingtag() { rawText = false; },
    onclosetag() { rawText = false; },
    onattribname(start, end) { attr = { name: masked.slice(start, end).toLowerCase(), start: -1, end: -1 }; },
    onattribdata(start, end) {
      if (attr.start < 0) attr.start = start;
      attr.end = end;
    },
    onattribend(quote) {
      if (attr.start < 0) return;
      const name = attr.name;
      const slot = name === 'style' || name.startsWith('on') ? 'code' : URL_ATTRIBUTES.has(name) ? 'link' : quote === QuoteType.Unquoted ? 'unquotedAttribute' : 'attribute';
      regions.push({ start: attr.start, end: attr.end, slot });
    },
    onattribentity() {},
    ontextentity() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
  });
  tokenizer.write(masked);
  tokenizer.end();

  return tokens.map((t) => {
    const region = regions.find((r) => t.index >= r.start && t.index < r.end);
    if (!region) return 'markup';
    if (region.slot !== 'link') return region.slot;
    const prefix = masked.slice(region.start, t.index);
    if (prefix.trim() === '') return 'urlStart';
    return BEFORE_PATH.test(prefix) ? 'urlHost' : 'urlPart';
  });
}
