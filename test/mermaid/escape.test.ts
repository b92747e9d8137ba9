// @vitest-environment node
/** Label text: one line, shortened with care, escaped in one pass. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLabel, unescapeLabel } from '../../dsl/mermaid';
import { graphemeLength, humanField, oneLine, truncate } from '../../dsl/mermaid/text';

describe('escapeLabel', () => {
  it('replaces every character that could end a label or start markup with an entity code', () => {
    expect(escapeLabel('Say "hi" #1; <b>&')).toBe('Say #quot;hi#quot; #35;1#59; #lt;b#gt;#amp;');
    expect(escapeLabel('[a] {b} |c| `d` %e \\f')).toBe('#91;a#93; #123;b#125; #124;c#124; #96;d#96; #37;e #92;f');
  });

  it('escapes in one pass: a `#` in user text and the codes it writes never meet', () => {
    expect(escapeLabel('#quot;')).toBe('#35;quot#59;');
    expect(escapeLabel('"#"')).toBe('#quot;#35;#quot;');
    expect(unescapeLabel(escapeLabel('#quot; &amp; #35;'))).toBe('#quot; &amp; #35;');
  });

  it("neutralises Mermaid's own entity placeholders", () => {
    expect(escapeLabel('ﬂ°lt¶ß')).toBe('#64258;°lt#182;ß');
  });

  it('leaves merge fields readable, with the fallback bar escaped', () => {
    expect(escapeLabel('Hi ~Contact.FirstName|there~')).toBe('Hi ~Contact.FirstName#124;there~');
  });

  it("escapes colons only where Mermaid's style-statement regex could bite", () => {
    expect(escapeLabel('Email: "x"')).toBe('Email: #quot;x#quot;');
    expect(escapeLabel('Lifestyle: "x"')).toBe('Lifestyle#58; #quot;x#quot;');
    expect(escapeLabel('Tips: "x"', 'step_s__lifestyle_tips')).toBe('Tips#58; #quot;x#quot;');
    expect(escapeLabel('classDef a fill:#f00;')).toBe('classDef a fill#58;#35;f00#59;');
  });

  it('round-trips through unescapeLabel', () => {
    const nasty = 'a"b#c;d<e>f&g|h`i[j]k{l}m%n\\o ﬂ ¶ 🎉 ~Contact.FirstName|there~ end';
    expect(unescapeLabel(escapeLabel(nasty))).toBe(nasty);
  });
});

describe('oneLine', () => {
  it('collapses newlines, tabs and runs of spaces; drops invisible controls', () => {
    expect(oneLine('  Line one\nLine two\r\n\tthree  ')).toBe('Line one Line two three');
    expect(oneLine('a\u202eb\u200bc\u0000d')).toBe('abcd');
    expect(oneLine('a\u2028b')).toBe('a b');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('Welcome to the club', 10)).toBe('Welcome t…');
    expect(Array.from(truncate('x'.repeat(100), 20))).toHaveLength(20);
  });

  it('never splits an emoji, even a composed one', () => {
    expect(truncate('🎉'.repeat(10), 5)).toBe('🎉🎉🎉🎉…');
    expect(truncate('👩‍👩‍👧🇫🇷abc', 3)).toBe('👩‍👩‍👧🇫🇷…');
  });

  it('never shows half a merge field', () => {
    expect(truncate('Hello ~Contact.FirstName|there~, welcome aboard', 20)).toBe('Hello…');
    expect(truncate('~Contact.FirstName|there~ is long', 10)).toBe('~Contact.…');
  });

  it('gives what segmenting the whole text gives (the ASCII and short-text shortcuts change nothing)', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const reference = (text: string, max: number): string => {
      const g = Array.from(segmenter.segment(text));
      if (g.length <= max) return text;
      let cut = g[Math.max(1, max - 1)].index;
      for (const m of text.matchAll(/~[^~]*~/g)) if (m.index > 0 && m.index < cut && cut < m.index + m[0].length) cut = m.index;
      return text.slice(0, cut).trimEnd() + '…';
    };
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('a🇫🇷b', 'é'.normalize('NFD').repeat(12)));
    fc.assert(fc.property(text, fc.integer({ min: 1, max: 30 }), (t, max) => {
      expect(truncate(t, max)).toBe(reference(t, max));
      expect(graphemeLength(t)).toBe(Array.from(segmenter.segment(t)).length);
    }));
  });
});

describe('humanField', () => {
  it('reads field names as words', () => {
    expect(humanField('birthday')).toBe('Birthday');
    expect(humanField('renewalDate')).toBe('Renewal date');
    expect(humanField('lead_score')).toBe('Lead score');
    expect(humanField('customerID')).toBe('Customer ID');
  });
});
