/**
 * Escaping of label text for Mermaid's quoted labels `id["..."]`.
 *
 * Mermaid reads `#name;` / `#123;` as entity codes, so every character that
 * could end the label, start a directive or be read as markup is replaced by
 * one. This is done in ONE pass over the text with a character map: a chain of
 * `.replace()` calls would escape the `#` of codes it had just written (or
 * miss a `#` in user text if it ran after them), which is the classic bug here.
 */

const CODES: Record<string, string> = {
  '#': '#35;', // first char of every entity code
  '"': '#quot;', // ends the quoted label
  '&': '#amp;', // the SVG is HTML-decoded: user "&lt;" must stay literal
  '<': '#lt;', // markup (<br/>, <script>); Mermaid's sanitizer is not our escaping
  '>': '#gt;',
  ';': '#59;', // statement separator; also closes `#...;` codes
  '%': '#37;', // `%%{init: ...}%%` inside a label is read as a directive
  '|': '#124;', // edge-label delimiter (merge-field fallbacks use it)
  '`': '#96;', // a label starting with a backtick is a Markdown string
  '[': '#91;',
  ']': '#93;',
  '{': '#123;',
  '}': '#125;',
  '\\': '#92;',
  // Mermaid's own placeholders for entity codes are `ﬂ°`…`¶ß` and it turns
  // them back into `&...;` after rendering: user text holding them would
  // become markup, so they are codes too.
  '\ufb02': '#64258;',
  '\u00b6': '#182;',
};

const SPECIAL = /[#"&<>;%|`[\]{}\\\ufb02\u00b6]/g;

/**
 * Mermaid strips the last `;` of any source line matching `style.*:\S*#.*;`
 * (meant for `style` statements, but applied to the whole text before
 * parsing), which would cut the final `#quot;` of a label such as
 * `Lifestyle:"x"` in half. On a line that mentions `style` or `classDef`
 * (in the label or in the rest of the line, `lineContext`) colons are
 * therefore escaped too; elsewhere they stay readable.
 */
const STYLE_TRAP = /style|classDef/;

/**
 * Escapes one line of label text (already cleaned and shortened, see text.ts).
 * `lineContext` is the rest of the source line (the node id), see STYLE_TRAP.
 * @example escapeLabel('Say "hi" #1; <b>') // 'Say #quot;hi#quot; #35;1#59; #lt;b#gt;'
 */
export function escapeLabel(text: string, lineContext = ''): string {
  const escaped = text.replace(SPECIAL, (c) => CODES[c]);
  return STYLE_TRAP.test(lineContext + text) ? escaped.replace(/:/g, '#58;') : escaped;
}

const DECODE: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };

/**
 * The text a reader sees for an escaped label (the inverse of `escapeLabel`,
 * plus `<br/>` as a line break). For tests and tooltips, not for rendering.
 */
export function unescapeLabel(label: string): string {
  return label
    .replace(/<br\/>/g, '\n')
    .replace(/#(\w+);/g, (code, name: string) =>
      /^\d+$/.test(name) ? String.fromCodePoint(Number(name)) : DECODE[name] ?? code);
}
