import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeText } from '../../../extension/analysis/analyze-text';
import { nodeAtOffset, sourceOfNode } from '../../../extension/canvas/step-nodes';
import { StepCallIndex } from '../../../extension/language/step-ranges';

const sample = resolve(__dirname, '../../../samples/lead-welcome.seq.ts');
const text = readFileSync(sample, 'utf8');

describe('between canvas nodes and steps in the code', async () => {
  const analysis = await analyzeText(sample, text);
  const nodes = analysis.diagram!.nodes;

  it('maps the cursor anywhere inside a multi-line email call to that email\'s node', () => {
    const offset = text.indexOf('Thanks for joining our newsletter');
    expect(nodeAtOffset({ text, offset, fileName: sample, sequences: analysis.sequences, nodes })).toBe('step_lead_welcome__welcome_email');
  });

  it('maps the cursor on a one-line step to its node, and outside any step to none', () => {
    const offset = text.indexOf("applyTag('Engaged-Lead')") + 3;
    const id = nodeAtOffset({ text, offset, fileName: sample, sequences: analysis.sequences, nodes });
    expect(nodes[id!].stepId).toBe('tag-engaged-lead');
    expect(nodeAtOffset({ text, offset: text.indexOf('Lead welcome series:'), fileName: sample, sequences: analysis.sequences, nodes })).toBeNull();
  });

  it('gives each step node the source of its call, which the call index finds at that place', () => {
    const index = new StepCallIndex(text, sample);
    const stepNodes = Object.values(nodes).filter((n) => n.stepId !== undefined);
    expect(stepNodes.length).toBeGreaterThan(10);
    for (const n of stepNodes) {
      const src = sourceOfNode(n, analysis.sequences)!;
      const call = index.at(src.line, src.column);
      expect(call, n.stepId).toBeDefined();
      expect(text.slice(call!.start, call!.end)).toMatch(/^\w+\(/);
    }
  });
});
