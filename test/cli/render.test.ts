import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nudge } from './run-nudge';
import { parseMermaid } from '../mermaid/mermaid-parser';

describe('nudge render', () => {
  it('prints Mermaid text that Mermaid accepts, equal to the golden file', async () => {
    const r = nudge(['render', 'samples/lead-welcome.seq.ts']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('flowchart')).toBe(true);
    expect(r.stdout).toBe(readFileSync('test/golden/lead-welcome.mmd', 'utf8'));
    await parseMermaid(r.stdout); // rejects when Mermaid does not accept it
  });

  it('wraps the diagram in a fenced block with --markdown and writes --out', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nudge-render-')), 'canvas.md');
    const r = nudge(['render', 'samples/birthday.seq.ts', '--markdown', '--out', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^```mermaid\nflowchart/);
    expect(text.trimEnd().endsWith('```')).toBe(true);
  });
});
