/**
 * Every rule against its failing fixture, loaded the way `nudge check`
 * loads a file: exactly one diagnostic, with the right code, severity,
 * step, line and message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSequenceFile } from '../../dsl/loader/load';
import { formatDiagnostic, validateSequences } from '../../dsl/validate';
import { FIXTURE_CASES } from './fixture-cases';

const FIXTURES = join(__dirname, '..', 'fixtures');
const NOW = new Date('2026-03-01T12:00:00Z');

/** 1-based line of the fixture marked `// expect <code>`. */
function markedLine(file: string, code: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`// expect ${code}`));
  if (index < 0) throw new Error(`${file} has no '// expect ${code}' marker`);
  return index + 1;
}

describe('each rule reports its fixture', () => {
  it.each(FIXTURE_CASES)('$fixture → $code', async ({ fixture, code, severity, stepId, words, account }) => {
    const file = join(FIXTURES, `${fixture}.seq.ts`);
    const loaded = await loadSequenceFile(file);
    const diagnostics = validateSequences(loaded.map((s) => s.ir), { now: NOW, account });

    expect(diagnostics.map((d) => d.code)).toEqual([code]);
    const [d] = diagnostics;
    expect(d.severity).toBe(severity);
    expect(d.stepId).toBe(stepId);
    expect(d.source?.file).toBe(file);
    expect(d.source?.line).toBe(markedLine(file, code));
    for (const word of words) expect(d.message).toContain(word);
    expect(formatDiagnostic(d, join(FIXTURES, '..', '..'))).toBe(
      `test/fixtures/${fixture}.seq.ts:${d.source?.line}:${d.source?.column} ${severity} ${code} ${d.message}`,
    );
  });
});
