import { describe, expect, it } from 'vitest';
import { impactHeadline, impactReportText, outcomeText, parsePublishJson, type PublishJson } from '../../../extension/runtime-control/impact-text';
import type { ImpactReport } from '../../../runtime/publish/plan-migration';

const report: ImpactReport = {
  sequenceId: 'lead-welcome', fromVersion: 1, toVersion: 2,
  diff: { sequenceId: 'lead-welcome', stepsChanged: true, paths: [{ index: 0, removed: ['wait-2d'], added: [], changed: [], kept: ['email-welcome'], renamed: [] }] },
  steps: [{ stepId: 'wait-2d', path: 0, change: 'removed', contacts: 30, movesTo: 'email-day-two' }],
  inFlight: 120, affected: 30, unaffected: 90, completing: 0,
};

const preview: PublishJson = {
  dryRun: true,
  files: [
    { file: '/copy/lead-welcome.seq.ts', ok: true, diagnostics: [], sequences: ['lead-welcome'] },
    { file: '/copy/broken.seq.ts', ok: false, sequences: [], diagnostics: [{ severity: 'error', code: 'NUDGE005', message: 'goal never reached', source: { file: '/copy/broken.seq.ts', line: 4, column: 3 } }, { severity: 'warning', code: 'NUDGE101', message: 'w' }] },
  ],
  versions: [{ sequenceId: 'lead-welcome', version: 2, report }, { sequenceId: 'new-one', version: 1, report: null }],
};

describe('impact report text', () => {
  it("words each version the way the runtime's publish log does, then the refused files with their errors", () => {
    const text = impactReportText(preview, (f) => f.replace('/copy/', ''));
    expect(text.split('\n')).toEqual([
      'lead-welcome: version 1 → 2 (120 contacts in flight: 30 affected, 90 unaffected)',
      '  path 0  wait-2d  removed  30 contacts → email-day-two',
      'new-one: version 1 (new sequence)',
      'broken.seq.ts: not published (1 error; the running version stays)',
      '  broken.seq.ts:4:3 NUDGE005 goal never reached',
    ]);
  });

  it('asks a one-line question with the contacts affected', () => {
    expect(impactHeadline(preview, 'the running runtime')).toBe('Publish 2 sequence versions to the running runtime? 30 contacts in flight affected.');
    expect(impactHeadline({ ...preview, versions: [] }, 'x')).toBe('Nothing can be published: fix the files with errors first.');
    expect(impactHeadline({ dryRun: true, files: [], versions: [] }, 'x')).toBe('Nothing to publish: every sequence is at its published version.');
    expect(impactReportText({ dryRun: true, files: [], versions: [] })).toContain('nothing to publish');
  });

  it('reads the CLI JSON and says what is wrong with anything else', () => {
    expect(parsePublishJson(JSON.stringify(preview)).versions).toHaveLength(2);
    expect(() => parsePublishJson('nudge: --dir x is not a folder')).toThrow(/did not print JSON/);
    expect(() => parsePublishJson('{"ok":true}')).toThrow(/Rebuild it/);
  });

  it('reports the outcome', () => {
    expect(outcomeText([{ sequenceId: 'a', version: 3 }], ['b.seq.ts'])).toBe('Published a v3. Not published (errors, running version stays): b.seq.ts.');
    expect(outcomeText([], [])).toBe('Nothing was published.');
  });
});
