// @vitest-environment node
/**
 * How the canvas is drawn: goals before and after the sequence, notes,
 * shapes and colours by group, and the edge cases of an empty canvas.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { linkClicked, purchased, purchaseFailed, sequence, start, tagApplied, unsubscribed } from 'nudge';
import { toMermaid, type MermaidDiagram } from '../../dsl/mermaid';
import { classOfNode, links, nodeOfStep, statementOf } from './diagram-helpers';
import { parseMermaid } from './mermaid-parser';
import { everything } from './showcase';

let d: MermaidDiagram;
beforeAll(() => {
  d = toMermaid(everything);
});

const labels = (kind: string) => Object.values(d.nodes).filter((n) => n.kind === kind).map((n) => n.label);

describe('goals, notes and the frame', () => {
  it('start goals come before the sequence and lead into every start node', () => {
    expect(labels('startGoal')).toEqual(['Goal: tag applied "Lead"', 'Goal: form "newsletter" submitted']);
    const starts = Object.keys(d.nodes).filter((id) => d.nodes[id].kind === 'start');
    expect(starts.map((id) => d.nodes[id].label)).toEqual(['Start', 'Messages', 'Back office']);
    for (const goal of Object.keys(d.nodes).filter((id) => d.nodes[id].kind === 'startGoal')) {
      expect(links(d.text).filter(([from]) => from === goal).map(([, , to]) => to)).toEqual(starts);
    }
  });

  it('stop goals hang off the frame; runs-until-complete shows in the title and as dotted links', () => {
    expect(labels('stopGoal')).toEqual([
      'Stop goal: any purchase',
      'Stop goal: purchase of "starter-kit" failed',
      'Stop goal: link "acme.test/demo" clicked in email-welcome-messages',
      'Stop goal: API goal "trial-converted"',
      'Stop goal: event "unsubscribed"',
    ]);
    expect(d.nodes.seq_showcase).toMatchObject({ kind: 'sequence', label: 'Every object · runs until complete' });
    const fromFrame = links(d.text).filter(([from]) => from === 'seq_showcase');
    expect(fromFrame).toHaveLength(5);
    expect(fromFrame.every(([, arrow]) => arrow === '-.->')).toBe(true);
  });

  it('a stop goal of a normal sequence removes the contact: a solid arrow', () => {
    const plain = toMermaid(sequence('s', { name: 'S', stopOn: purchased(), reentry: 'never', paths: [start().applyTag('A')] }));
    expect(links(plain.text)).toContainEqual(['seq_s', '-->', 'stop_s__purchased']);
    expect(plain.nodes.seq_s.label).toBe('S · once per contact');
  });

  it('other goal wordings', () => {
    const seq = sequence('g', {
      name: 'G',
      startOn: [purchased('starter-kit'), purchaseFailed(), linkClicked(), linkClicked('email-x'), linkClicked(undefined, 'https://a.test/x')],
      paths: [start().applyTag('A')],
    });
    expect(Object.values(toMermaid(seq).nodes).filter((n) => n.kind === 'startGoal').map((n) => n.label)).toEqual([
      'Goal: purchase of "starter-kit"',
      'Goal: any purchase failed',
      'Goal: any link clicked',
      'Goal: link clicked in email-x',
      'Goal: link "a.test/x" clicked',
    ]);
  });

  it('draws the unsubscribed() goal like the others, as a start or a stop goal', () => {
    const seq = sequence('u', { name: 'U', startOn: unsubscribed(), stopOn: unsubscribed(), paths: [start().applyTag('A')] });
    const diagram = toMermaid(seq);
    expect(Object.values(diagram.nodes).filter((n) => n.kind === 'startGoal').map((n) => n.label)).toEqual(['Goal: unsubscribed']);
    expect(Object.values(diagram.nodes).filter((n) => n.kind === 'stopGoal').map((n) => n.label)).toEqual(['Stop goal: unsubscribed']);
    expect(links(diagram.text)).toContainEqual(['seq_u', '-->', 'stop_u__unsubscribed']);
    expect(() => parseMermaid(diagram.text)).not.toThrow();
  });

  it('canvas notes are note nodes inside the frame, keeping their line breaks', () => {
    const notes = Object.entries(d.nodes).filter(([, n]) => n.kind === 'canvasNote');
    expect(notes.every(([, n]) => n.noteId !== undefined)).toBe(true);
    expect(notes.map(([, n]) => n.label)).toEqual(['Audience: newsletter sign-ups\nGoal: first purchase', 'Second note']);
    const [id] = notes[0];
    expect(statementOf(d.text, id)).toBe(`${id}>"Audience: newsletter sign-ups<br/>Goal: first purchase"]`);
    const frame = d.text.slice(d.text.indexOf('subgraph seq_showcase'), d.text.indexOf('\n  end\n'));
    expect(frame).toContain(id);
  });
});

describe('shapes and colours by group', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['wait-2d', 'timer', /^\w+\{\{".*"\}\}$/],
    ['until-2026-12-24', 'timer', /^\w+\{\{".*"\}\}$/],
    ['email-welcome-messages', 'communication', /^\w+\[\/".*"\/\]$/],
    ['letter-dear-thank-you-messages', 'communication', /^\w+\[\/".*"\/\]$/],
    ['tag-customer-back-office', 'process', /^\w+\(".*"\)$/],
    ['post-members-acme-test-hook-back-office', 'process', /^\w+\(".*"\)$/],
  ];
  it.each(cases)('step %s is a %s', (stepId, cls, shape) => {
    const id = nodeOfStep(d, stepId);
    expect(classOfNode(d.text, id)).toBe(cls);
    expect(statementOf(d.text, id)).toMatch(shape);
  });

  it('start, goal and note nodes have their own shapes and classes', () => {
    const byKind = (kind: string) => Object.keys(d.nodes).find((id) => d.nodes[id].kind === kind)!;
    expect(statementOf(d.text, byKind('start'))).toMatch(/^\w+\(\[".*"\]\)$/);
    expect(classOfNode(d.text, byKind('start'))).toBe('start');
    expect(statementOf(d.text, byKind('startGoal'))).toMatch(/^\w+\[\/".*"\\\]$/);
    expect(classOfNode(d.text, byKind('startGoal'))).toBe('startGoal');
    expect(statementOf(d.text, byKind('stopGoal'))).toMatch(/^\w+\[\\".*"\/\]$/);
    expect(classOfNode(d.text, byKind('stopGoal'))).toBe('stopGoal');
    const canvasNote = Object.keys(d.nodes).find((id) => d.nodes[id].noteId !== undefined)!;
    expect(classOfNode(d.text, canvasNote)).toBe('note');
    // applyNote is a process step (a note on the contact record), not a canvas note
    expect(classOfNode(d.text, nodeOfStep(d, 'note-became-a-customer-back-office'))).toBe('process');
    for (const cls of ['timer', 'communication', 'process', 'note', 'start', 'startGoal', 'stopGoal']) {
      expect(d.text).toMatch(new RegExp(`^  classDef ${cls} fill:#[0-9a-f]{6},`, 'm'));
    }
  });

  it('the diagram is a left-to-right flowchart that Mermaid accepts', async () => {
    expect(d.text.startsWith('flowchart LR\n')).toBe(true);
    await parseMermaid(d.text);
  });
});

describe('edge cases', () => {
  it('depends only on the IR: a JSON round trip draws the same diagram', () => {
    expect(toMermaid(JSON.parse(JSON.stringify(everything))).text).toBe(d.text);
    expect(toMermaid([everything]).text).toBe(d.text);
  });

  it('a sequence without start paths is an empty frame; its start goal points at the frame', async () => {
    const empty = toMermaid(sequence('empty', { name: '', startOn: tagApplied('X'), paths: [] }));
    expect(empty.nodes.seq_empty.label).toBe('empty'); // no name: the id
    expect(links(empty.text)).toEqual([['goal_empty__tag_X', '-->', 'seq_empty']]);
    await parseMermaid(empty.text);
  });

  it('nothing to draw is still a valid diagram', async () => {
    const none = toMermaid([]);
    expect(none.nodes).toEqual({});
    await parseMermaid(none.text);
  });

  it('a path without steps is a lone start node; an empty custom label falls back to the generated one', async () => {
    const seq = sequence('p', { name: 'P', paths: [start('  '), start().applyTag('A', { label: '   ' })] });
    const { nodes, text } = toMermaid(seq);
    expect(nodes.start_p__0.label).toBe('Start');
    expect(nodes.step_p__tag_a_p2.label).toBe('Apply tag: A');
    await parseMermaid(text);
  });
});
