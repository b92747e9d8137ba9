// @vitest-environment node
/**
 * Clicks on the canvas go from Mermaid's SVG elements back to our node ids.
 * Checked on the real Mermaid installed here, drawing real diagrams.
 */
import { describe, expect, it } from 'vitest';
import { sequence, start } from 'nudge';
import { toMermaid } from '../../../dsl/mermaid';
import { nodeIdOfElement } from '../../../extension/shared/svg-node-ids';
import { everything } from '../../mermaid/showcase';
import { drawInJsdom } from './mermaid-dom';

const el = (id: string, attrs: Record<string, string> = {}) => ({ id, getAttribute: (n: string) => attrs[n] ?? null });

describe('nodeIdOfElement on real Mermaid output', () => {
  it('finds every node of a large diagram, and only those', async () => {
    const d = toMermaid(everything);
    const svg = await drawInJsdom('nudge-canvas-7', d.text);
    const found = new Set<string>();
    for (const g of svg.querySelectorAll('g.node')) {
      const id = nodeIdOfElement(g, 'nudge-canvas-7', d.nodes);
      expect(id, `element ${g.id}`).toBeDefined();
      found.add(id!);
    }
    const drawn = Object.keys(d.nodes).filter((id) => d.nodes[id].kind !== 'sequence');
    expect([...found].sort()).toEqual(drawn.sort());
    const steps = drawn.filter((id) => d.nodes[id].stepId !== undefined);
    expect(steps.length).toBeGreaterThan(20);
  });

  it('finds the sequence frame (a subgraph) by its own id', async () => {
    const d = toMermaid(sequence('two-part', { name: 'Two', paths: [start().applyTag('A').delay('1d').removeTag('B')] }));
    const svg = await drawInJsdom('nudge-canvas-8', d.text);
    const clusters = [...svg.querySelectorAll('g.cluster')].map((g) => nodeIdOfElement(g, 'nudge-canvas-8', d.nodes));
    expect(clusters).toEqual(['seq_two_part']);
  });
});

describe('nodeIdOfElement formats', () => {
  const known = { step_a__b_1: {}, seq_a: {} };
  it('reads Mermaid 12 ids (diagram id prefix), older unprefixed ids and data-id', () => {
    expect(nodeIdOfElement(el('nudge-canvas-3-flowchart-step_a__b_1-12'), 'nudge-canvas-3', known)).toBe('step_a__b_1');
    expect(nodeIdOfElement(el('flowchart-step_a__b_1-0'), 'nudge-canvas-3', known)).toBe('step_a__b_1');
    expect(nodeIdOfElement(el('whatever', { 'data-id': 'step_a__b_1' }), 'x', known)).toBe('step_a__b_1');
    expect(nodeIdOfElement(el('nudge-canvas-3-seq_a'), 'nudge-canvas-3', known)).toBe('seq_a');
  });
  it('refuses ids that are not in the diagram (no guessing)', () => {
    expect(nodeIdOfElement(el('nudge-canvas-3-flowchart-step_a__zz-1'), 'nudge-canvas-3', known)).toBeUndefined();
    expect(nodeIdOfElement(el('L-step_a__b_1-seq_a-0'), 'nudge-canvas-3', known)).toBeUndefined();
    expect(nodeIdOfElement(el('nudge-canvas-3-flowchart-__proto__-1'), 'nudge-canvas-3', known)).toBeUndefined();
  });
});
