// @vitest-environment node
/**
 * User text can never break the diagram: whatever an author types into a
 * name, subject, tag, note or label, Mermaid's real parser accepts the
 * result and the canvas shows exactly that text (cleaned and shortened).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formSubmitted, note, sequence, start, tagApplied, type SequenceIR } from 'nudge';
import { toMermaid, unescapeLabel, type MermaidDiagram } from '../../dsl/mermaid';
import { graphemeLength, oneLine } from '../../dsl/mermaid/text';
import { statementOf } from './diagram-helpers';
import { parseMermaid } from './mermaid-parser';

const NASTY: Record<string, string> = {
  quotes: `Say "hi" and 'bye'`,
  brackets: 'Offer [50%] {today} (only) <b>bold</b>',
  hash: '#1 deal; #quot; &amp; &lt;',
  pipes: 'a | b |c|',
  backticks: '`code` ``double``',
  emoji: '🎉 Party 👩‍👩‍👧 🇫🇷',
  merge: 'Hi ~Contact.FirstName|there~, from ~Owner.FirstName~',
  end: 'end',
  keywords: 'end subgraph graph style classDef click',
  newlines: 'Line one\nLine two\r\n\tthree',
  directive: '%%{init: {"theme": "dark"}}%%',
  styleTrap: 'Lifestyle:"tips"; style x fill:#f00;',
  arrows: 'A --> B -.-> C ==> D',
  breakout: '"]) --> evil(["x',
  placeholders: 'ﬂ°lt¶ß ﬂ°°60¶ß',
  backslash: 'C:\\path\\"file"',
  invisible: 'bidi\u202eoverride\u200bzero\u0007bell',
  halfEmoji: 'broken \ud83c emoji \udf89',
};

/**
 * A sequence that puts `text` everywhere an author can type free text. The
 * DSL only accepts plain step ids, but an IR can also arrive as hand-written
 * JSON, so the last step's id is set to the nasty text afterwards.
 */
function everywhere(text: string): SequenceIR {
  const ir = withPlainIds(text);
  const last = ir.paths[0].steps[ir.paths[0].steps.length - 1];
  last.id = `label ${text}`;
  return ir;
}

function withPlainIds(text: string): SequenceIR {
  return sequence('nasty', {
    name: text,
    startOn: [tagApplied(text), formSubmitted(text)],
    stopOn: tagApplied(`${text} stop`),
    notes: [note(`${text} note`)],
    paths: [
      start(text)
        .email({ subject: text, body: text })
        .applyTag(`${text} tag`)
        .createTask({ title: text, due: '1d' })
        .setField('leadSource', text)
        .httpPost({ url: `https://acme.test/${text}`, fields: { a: text } })
        .applyTag('x', { label: text, id: 'label-step' }),
    ],
  });
}

/** The label between the quotes of a node statement (all inner quotes are escaped). */
function renderedLabel(d: MermaidDiagram, id: string): string {
  const line = id.startsWith('seq_')
    ? d.text.split('\n').find((l) => l.trim().startsWith(`subgraph ${id}[`))!.trim()
    : statementOf(d.text, id);
  return line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
}

/** Each node shows what the node map says, and no label can leave its quotes or touch the style regex. */
function expectFaithful(d: MermaidDiagram): void {
  for (const [id, node] of Object.entries(d.nodes)) {
    const label = renderedLabel(d, id);
    expect(label.replace(/<br\/>/g, '')).toMatch(/^(?:[^"#;%|`<>[\]{}\\&\n]|#\w+;)+$/);
    expect(unescapeLabel(label)).toBe(node.label);
  }
  for (const line of d.text.split('\n').filter((l) => !l.trim().startsWith('classDef '))) {
    expect(line).not.toMatch(/style.*:\S*#.*;/);
  }
}

describe('nasty user text', () => {
  it('the parser used here does reject what escaping prevents', async () => {
    // (Mermaid tolerates some stray quotes, and an injected `"] --> b["` parses fine:
    // that is why expectFaithful also checks every label's characters.)
    await expect(parseMermaid('flowchart LR\n  a["a "]) --> b([" c"]')).rejects.toThrow();
    await expect(parseMermaid('flowchart LR\n  a[""]')).rejects.toThrow();
    await expect(parseMermaid('flowchart LR\n  a["%%{init: {}}%%"]')).rejects.toThrow();
    await expect(parseMermaid('flowchart LR\n  end["x"]')).rejects.toThrow();
  });

  it.each(Object.entries(NASTY))('%s: parses, and every label shows the text', async (_name, text) => {
    const d = toMermaid(everywhere(text));
    await parseMermaid(d.text);
    expectFaithful(d);
    const shown = oneLine(text);
    expect(d.nodes.seq_nasty.label).toBe(shown);
    const email = Object.values(d.nodes).find((n) => n.kind === 'email')!;
    expect(email.label.startsWith('Email: "')).toBe(true);
    expect(email.label).toContain(shown.slice(0, 20));
  });

  it('a newline in user text never reaches the diagram source', () => {
    const d = toMermaid(everywhere(NASTY.newlines));
    for (const line of d.text.split('\n')) expect(line).not.toMatch(/Line (two|one)[^"]*$/);
    expect(Object.values(d.nodes).find((n) => n.kind === 'email')!.label).toBe('Email: "Line one Line two three"');
  });

  it('half an emoji becomes a replacement character', () => {
    expect(toMermaid(everywhere(NASTY.halfEmoji)).nodes.seq_nasty.label).toBe('broken \ufffd emoji \ufffd');
  });

  it('a directive inside a label stays text', () => {
    const d = toMermaid(everywhere(NASTY.directive));
    expect(d.text).not.toContain('%%{');
  });

  it('long texts are shortened with an ellipsis, and the limit is an option', async () => {
    const long = `Welcome ${'very '.repeat(40)}long subject 🎉`;
    const d = toMermaid(everywhere(long));
    for (const node of Object.values(d.nodes)) {
      const max = node.kind === 'canvasNote' ? 160 : 100;
      for (const line of node.label.split('\n')) expect(graphemeLength(line)).toBeLessThanOrEqual(max);
    }
    expect(d.nodes.seq_nasty.label.endsWith('…')).toBe(true);
    const short = toMermaid(everywhere(long), { maxLabelLength: 20 });
    expect(short.nodes.seq_nasty.label).toBe('Welcome very very v…');
    await parseMermaid(short.text);
    expect(() => toMermaid(everywhere(long), { maxLabelLength: 0 })).toThrow(/maxLabelLength/);
  });

  it('a long title is shortened inside the label, so the fixed words after it survive', () => {
    const seq = sequence('t', { name: 'T', paths: [start().createTask({ title: `Call ${'back '.repeat(30)}`, due: '1d', priority: 'high' })] });
    const task = Object.values(toMermaid(seq).nodes).find((n) => n.kind === 'task')!;
    expect(task.label).toMatch(/^Task for owner: "Call back back .*…" \(due in 1 day, high priority\)$/);
    expect(graphemeLength(task.label)).toBeLessThanOrEqual(100);
  });

  it('long notes keep their first lines', () => {
    const seq = sequence('n', { name: 'N', notes: [Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n')], paths: [start().applyTag('A')] });
    const canvasNote = Object.values(toMermaid(seq).nodes).find((n) => n.kind === 'canvasNote')!;
    expect(canvasNote.label).toBe('line 0\nline 1\nline 2\nline 3\nline 4\n…');
  });

  it('any text at all, in any field: Mermaid accepts it and it shows as written', async () => {
    const pieces = fc.constantFrom(...Object.values(NASTY), '"', '#', ';', '|', '`', '<', '>', '[', ']', '{', '}', '%%', ':', 'end', '\n', '~', 'ﬂ°', '¶ß', '\\');
    const text = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
      fc.array(pieces, { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
    ).filter((s) => s.trim() !== '');
    await fc.assert(fc.asyncProperty(text, async (s) => {
      const d = toMermaid(everywhere(s));
      expectFaithful(d);
      await parseMermaid(d.text);
    }), { numRuns: 100 });
  });
});
