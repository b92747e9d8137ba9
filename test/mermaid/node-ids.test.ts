// @vitest-environment node
/**
 * Node ids let the editor go from a clicked node back to its step, and keep
 * golden diffs small: they must come from the ids, not from positions.
 */
import { describe, expect, it } from 'vitest';
import { formSubmitted, sequence, start, tagApplied } from 'nudge';
import { toMermaid } from '../../dsl/mermaid';
import { idPart, NodeIdRegistry } from '../../dsl/mermaid/node-ids';
import { parseMermaid } from './mermaid-parser';

const stepNodes = (nodes: ReturnType<typeof toMermaid>['nodes']) =>
  Object.fromEntries(Object.entries(nodes).filter(([, n]) => n.stepId !== undefined).map(([id, n]) => [n.stepId!, id]));

const KEYWORDS = ['end', 'subgraph', 'graph', 'flowchart', 'style', 'classDef', 'class', 'click', 'linkStyle', 'default', 'direction'];

describe('node ids', () => {
  const before = sequence('welcome', {
    name: 'Welcome',
    startOn: tagApplied('Lead'),
    paths: [
      start().email({ subject: 'Welcome!', body: 'Hi' }).delay('2d').applyTag('Nurtured'),
      start('Staff').email({ to: 'owner', subject: 'New lead', body: '...' }),
    ],
  });
  const after = sequence('welcome', {
    name: 'Welcome',
    startOn: [formSubmitted('newsletter'), tagApplied('Lead')],
    paths: [
      start().email({ subject: 'Welcome!', body: 'Hi' }).delay('1h').delay('2d').createTask({ title: 'Call' }).applyTag('Nurtured'),
      start('Staff').email({ to: 'owner', subject: 'New lead', body: '...' }),
    ],
  });

  it('do not move when an unrelated step or goal is inserted', () => {
    const a = toMermaid(before).nodes;
    const b = toMermaid(after).nodes;
    const idsBefore = stepNodes(a);
    expect(Object.keys(idsBefore)).toHaveLength(4);
    for (const [stepId, nodeId] of Object.entries(idsBefore)) expect(stepNodes(b)[stepId]).toBe(nodeId);
    expect(b.goal_welcome__tag_Lead).toMatchObject({ kind: 'startGoal', sequenceId: 'welcome' });
    expect(a.goal_welcome__tag_Lead).toBeDefined();
  });

  it('map every step node back to its sequence and step', () => {
    const { nodes } = toMermaid([before]);
    expect(nodes.step_welcome__wait_2d).toEqual({ sequenceId: 'welcome', stepId: 'wait-2d', kind: 'delay', label: 'Wait 2 days' });
    expect(nodes.start_welcome__1).toEqual({ sequenceId: 'welcome', pathIndex: 1, kind: 'start', label: 'Staff' });
    expect(nodes.seq_welcome).toEqual({ sequenceId: 'welcome', kind: 'sequence', label: 'Welcome' });
  });

  it('declare every node in the map, and only those', () => {
    const { text, nodes } = toMermaid([before, after]);
    const declared = text.split('\n').flatMap((l) => {
      const m = /^\s*(?:subgraph )?(\w+)[[({>]/.exec(l);
      return m ? [m[1]] : [];
    });
    expect(declared).toEqual(Object.keys(nodes));
    expect(new Set(declared).size).toBe(declared.length); // the same sequence twice still gets distinct ids
  });

  it('are plain identifiers and never a Mermaid keyword, whatever the author wrote', async () => {
    const seq = sequence('end', {
      name: 'end',
      paths: [
        start()
          .applyTag('a', { id: 'end' })
          .applyTag('b', { id: 'graph' })
          .applyTag('c', { id: 'etape-1' })
          .applyTag('d', { id: 'a-b' })
          .applyTag('e', { id: 'a_b' })
          .applyTag('f', { id: 'arrow' })
          .applyTag('g', { id: 'x'.repeat(200) }),
      ],
    });
    // The DSL only accepts plain step ids, but an IR can also arrive as
    // hand-written JSON: these ids are set on the IR afterwards.
    seq.paths[0].steps[2].id = 'Étape 1 !';
    seq.paths[0].steps[5].id = '-->';
    const { text, nodes } = toMermaid(seq);
    const ids = Object.keys(nodes);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(KEYWORDS).not.toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.values(nodes).filter((n) => n.stepId !== undefined).map((n) => n.stepId))
      .toEqual(['end', 'graph', 'Étape 1 !', 'a-b', 'a_b', '-->', 'x'.repeat(200)]);
    expect(nodes.step_end__end.stepId).toBe('end');
    await parseMermaid(text);
  });

  it('keep duplicated step ids as separate nodes (the validator reports the duplicate)', () => {
    const seq = sequence('dup', { name: 'Dup', paths: [start().applyTag('A', { id: 'same' }).applyTag('B', { id: 'same' })] });
    const { nodes } = toMermaid(seq);
    expect(Object.entries(nodes).filter(([, n]) => n.stepId === 'same').map(([id]) => id)).toEqual(['step_dup__same', 'step_dup__same_2']);
  });
});

describe('idPart', () => {
  it('keeps clean ids readable', () => {
    expect(idPart('wait-2d')).toBe('wait_2d');
    expect(idPart('Email_1')).toBe('Email_1');
  });

  it('hashes lossy ones so that they stay apart and stay the same', () => {
    expect(idPart('Étape 1 !')).toMatch(/^Etape_1_[0-9a-z]+$/);
    expect(idPart('Étape 1 !')).toBe(idPart('Étape 1 !'));
    expect(idPart('a b')).not.toBe(idPart('a/b'));
    expect(idPart('🎉')).toMatch(/^[0-9a-z]+$/);
  });

  it('the registry never gives out one id twice', () => {
    const r = new NodeIdRegistry();
    expect([r.id('step', 's', 'a-b'), r.id('step', 's', 'a_b'), r.id('step', 's', 'a-b')])
      .toEqual(['step_s__a_b', 'step_s__a_b_2', 'step_s__a_b_3']);
  });
});
