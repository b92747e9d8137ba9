import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeText } from '../../../extension/analysis/analyze-text';
import { occurrences, rangeOfNudgeDiagnostic, suggestionOf } from '../../../extension/language/diagnostic-ranges';
import { StepCallIndex } from '../../../extension/language/step-ranges';

const sample = resolve(__dirname, '../../../samples/lead-welcome.seq.ts');
const original = readFileSync(sample, 'utf8');

describe('suggestionOf: the fix a rule proposes', () => {
  it('takes the merge field name out of ~tokens~, leaving the fallback as written', () => {
    const s = suggestionOf('Unknown merge field ~Contact.Fristname|there~ in step "x" (subject). Did you mean ~Contact.FirstName|there~?');
    expect(s).toEqual({ wrong: 'Contact.Fristname', replacement: 'Contact.FirstName' });
  });

  it('takes quoted names for fields and zones', () => {
    expect(suggestionOf('Unknown time zone "Europe/Pariss" in step "w" (tz). Did you mean "Europe/Paris"?'))
      .toEqual({ wrong: 'Europe/Pariss', replacement: 'Europe/Paris' });
    expect(suggestionOf('Unknown contact field "leadSorce" in step "s" (setField). Did you mean "leadSource"?'))
      .toEqual({ wrong: 'leadSorce', replacement: 'leadSource' });
  });

  it('proposes nothing when the message has no "Did you mean"', () => {
    expect(suggestionOf('Step "x" has no subject. Add subject: ...')).toBeUndefined();
  });
});

describe('occurrences', () => {
  it('finds whole names only', () => {
    expect(occurrences('~Contact.Email~ ~Contact.Email2~', 'Contact.Email')).toEqual([{ start: 1, end: 14 }]);
  });
});

describe('rangeOfNudgeDiagnostic: where the Problems panel points', () => {
  it('underlines the misspelt merge field inside the step that has it, with a suggestion to replace', async () => {
    const text = original.replace("subject: 'Three brewing mistakes", "subject: '~Contact.Fristname~, three brewing mistakes");
    const analysis = await analyzeText(sample, text, { now: Date.parse('2026-11-01T00:00:00Z') });
    const d = analysis.diagnostics.find((x) => x.code === 'NUDGE002');
    expect(d, JSON.stringify(analysis.diagnostics)).toBeDefined();
    const r = rangeOfNudgeDiagnostic(d!, text, new StepCallIndex(text, sample));
    expect(text.slice(r.start, r.end)).toBe('Contact.Fristname');
    const line = text.slice(0, r.start).split('\n').length;
    expect(line).toBe(text.split('\n').findIndex((l) => l.includes('Fristname')) + 1);
    expect(suggestionOf(d!.message)?.replacement).toBe('Contact.FirstName');
  });

  it("falls back to the step's method name when the word is not in the text", () => {
    const text = 'start()\n  .email({ subject: "a" })\n';
    const d = { severity: 'error' as const, code: 'NUDGE005', message: 'Step "e" has no body.', source: { file: 'f.seq.ts', line: 2, column: 4 } };
    const r = rangeOfNudgeDiagnostic(d, text, new StepCallIndex(text));
    expect(text.slice(r.start, r.end)).toBe('email');
  });

  it('points at the line of a load error when no step is there', () => {
    const text = 'const a = 1;\nthrow new Error("boom");\n';
    const d = { severity: 'error' as const, code: 'NUDGE_ERR_LOAD_THROW', message: 'Error: boom', source: { file: 'f.seq.ts', line: 2, column: 1 } };
    const r = rangeOfNudgeDiagnostic(d, text, new StepCallIndex(text));
    expect(text.slice(r.start, r.end)).toBe('throw new Error("boom");');
  });
});
