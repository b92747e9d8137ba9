import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeText } from '../../../extension/analysis/analyze-text';

const sample = resolve(__dirname, '../../../samples/lead-welcome.seq.ts');
const text = readFileSync(sample, 'utf8');

describe('analyzeText: one keystroke\'s analysis', () => {
  it('draws the unsaved text: a tag typed into the chain is a new node', async () => {
    const before = await analyzeText(sample, text);
    const typed = text.replace(".applyTag('Engaged-Lead')", ".applyTag('Engaged-Lead')\n  .applyTag('X')");
    const after = await analyzeText(sample, typed);
    const steps = (a: typeof before) => Object.values(a.diagram!.nodes).filter((n) => n.stepId).length;
    expect(steps(after)).toBe(steps(before) + 1);
    expect(after.diagram!.text).toContain('X');
  });

  it('turns an endless loop into a time-out problem at the file, and stays usable afterwards', async () => {
    const looping = `${text}\nwhile (true) {}\n`;
    const started = Date.now();
    const a = await analyzeText(sample, looping, { timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(a.diagram).toBeNull();
    expect(a.problem?.code).toBe('NUDGE_ERR_LOAD_TIMEOUT');
    expect(a.diagnostics[0].code).toBe('NUDGE_ERR_LOAD_TIMEOUT');
    expect((await analyzeText(sample, text)).diagram).not.toBeNull();
  });

  it('reports a syntax error with its line', async () => {
    const lines = text.split('\n');
    lines.splice(20, 0, '  .email({ subject: ');
    const a = await analyzeText(sample, lines.join('\n'));
    expect(a.problem?.code).toBe('NUDGE_ERR_LOAD_SYNTAX');
    expect(a.problem?.source?.line).toBeGreaterThanOrEqual(21);
  });
});
