/**
 * formatDiagnostic and didYouMean.
 */
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, formatDiagnostic, type Diagnostic } from '../../dsl/validate';

const d: Diagnostic = {
  severity: 'warning', code: 'NUDGE005', message: 'Path 1 ends with timer "wait-1d".', sequenceId: 'welcome', stepId: 'wait-1d',
  source: { file: '/home/ann/campaigns/samples/welcome.seq.ts', line: 12, column: 8 },
};

describe('formatDiagnostic', () => {
  it('prints file:line:col severity code message, relative to cwd when inside it', () => {
    expect(formatDiagnostic(d, '/home/ann/campaigns')).toBe('samples/welcome.seq.ts:12:8 warning NUDGE005 Path 1 ends with timer "wait-1d".');
    expect(formatDiagnostic(d, '/home/ann/campaigns/')).toBe('samples/welcome.seq.ts:12:8 warning NUDGE005 Path 1 ends with timer "wait-1d".');
  });

  it('keeps the stored path outside cwd or without one', () => {
    expect(formatDiagnostic(d, '/home/bob')).toMatch(/^\/home\/ann\/campaigns\/samples\/welcome\.seq\.ts:12:8 /);
    expect(formatDiagnostic(d, '/home/ann/camp')).toMatch(/^\/home\/ann\/campaigns\//);
    expect(formatDiagnostic(d)).toMatch(/^\/home\/ann\/campaigns\//);
  });

  it('names the sequence when there is no position', () => {
    expect(formatDiagnostic({ ...d, source: undefined })).toBe('<sequence welcome> warning NUDGE005 Path 1 ends with timer "wait-1d".');
  });
});

describe('didYouMean', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('fristname', 'firstname')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('ignores case and prefers the closest, then the first', () => {
    expect(didYouMean('BIRTHDAY', ['anniversary', 'birthday'])).toBe('birthday');
    expect(didYouMean('ab', ['ax', 'ay'])).toBe('ax');
  });

  it('suggests nothing far away', () => {
    expect(didYouMean('zzz', ['birthday'])).toBeUndefined();
    expect(didYouMean('a', ['b'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
});
