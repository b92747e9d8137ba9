/**
 * Plain-text preparation of canvas labels, before any Mermaid escaping:
 * collapse whitespace (a label is one line on the canvas), drop control
 * characters, and shorten long texts with an ellipsis without splitting an
 * emoji or a merge field. Escaping comes last (see escape.ts) so that a cut
 * can never land inside an entity code such as `#quot;`.
 */
import { findMergeTokens } from '../merge-fields';

/** What a truncated text ends with. */
export const ELLIPSIS = '…';

// C0/C1 controls and the zero-width/bidi formatting characters: invisible in a
// label, and some of them (RLO, ZWJ outside emoji) make a label lie about its text.
// Tabs, newlines and the Unicode line separators are whitespace and collapse instead.
const INVISIBLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

// Half an emoji (a surrogate without its pair), e.g. from slicing a string in
// user code: not valid UTF-16, so it could not be written to the SVG as is.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One line of visible text: whitespace runs (newlines included) become one space. */
export function oneLine(text: string): string {
  return text.replace(INVISIBLE, '').replace(LONE_SURROGATE, '\ufffd').replace(/\s+/g, ' ').trim();
}

/** Like `oneLine`, but keeps the author's line breaks (for canvas notes). */
export function keepLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map(oneLine)
    .filter((line) => line !== '');
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

// Printable ASCII has one grapheme per code unit. Most labels are ASCII, and
// Intl.Segmenter is slow per character, so ASCII takes the fast path.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Length as a reader counts it: `'🇫🇷'` is 1, not 4. */
export function graphemeLength(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n += 1;
  return n;
}

/**
 * Shortens `text` to at most `max` user-perceived characters (graphemes),
 * ending with `…` when it was cut. A cut that would fall inside a merge field
 * (`~Contact.FirstName|there~`) moves to just before it, so the canvas never
 * shows half a merge field that looks like a typo.
 * @example truncate('Welcome to the club', 10) // 'Welcome t…'
 */
export function truncate(text: string, max: number): string {
  // A grapheme has at least one code unit, so a text this short fits as it is.
  if (text.length <= max) return text;
  const keep = Math.max(1, max - 1);
  const found = cutOffset(text, keep, max);
  if (found === undefined) return text;
  let cut = found; // code-unit offset where the cut falls
  for (const token of findMergeTokens(text)) {
    // A text that *starts* with a long merge field keeps half of it rather than nothing.
    if (token.index > 0 && token.index < cut && cut < token.index + token.raw.length) cut = token.index;
  }
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/**
 * The code-unit offset of grapheme number `keep` when `text` has more than
 * `max` graphemes; undefined when it fits. Stops segmenting at `max` + 1.
 */
function cutOffset(text: string, keep: number, max: number): number | undefined {
  if (PRINTABLE_ASCII.test(text)) return text.length > max ? keep : undefined;
  let n = 0;
  let at = 0;
  for (const s of segmenter.segment(text)) {
    if (n === keep) at = s.index;
    n += 1;
    if (n > max) return at;
  }
  return undefined;
}

/** `"text"`, cleaned and shortened: how user text (subjects, titles) appears inside a label. */
export function quoted(text: string, max: number): string {
  const clean = oneLine(text);
  return clean === '' ? '(empty)' : `"${truncate(clean, max)}"`;
}

/** Cleaned and shortened user text without quotes (tags, lists, user ids). */
export function plain(text: string, max: number): string {
  const clean = oneLine(text);
  return clean === '' ? '(empty)' : truncate(clean, max);
}

/** `1 day`, `2 days`. */
export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * A field name as a Keap user reads it: `birthday` → `Birthday`,
 * `renewalDate` → `Renewal date`, `lead_score` → `Lead score`; acronyms stay
 * (`customerID` → `Customer ID`).
 */
export function humanField(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((w) => w !== '')
    .map((w, i) => (i > 0 && /^[A-Z][a-z0-9]*$/.test(w) ? w.toLowerCase() : w));
  if (words.length === 0) return name;
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}
