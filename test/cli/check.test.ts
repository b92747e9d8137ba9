import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nudge, ROOT } from './run-nudge';

describe('nudge check', () => {
  it('passes every sample (exit 0, no errors)', () => {
    const r = nudge(['check', 'samples']);
    expect(r.stderr).toMatch(/0 error\(s\)/);
    expect(r.stdout).not.toMatch(/ error /);
    expect(r.code).toBe(0);
  });

  it('reports a bad merge field as file:line:col with a suggestion and exits 1', () => {
    const r = nudge(['check', 'test/fixtures/unknown-merge-field.seq.ts']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^test\/fixtures\/unknown-merge-field\.seq\.ts:9:8 error NUDGE002 .*~Contact\.Fristname~.*Did you mean ~Contact\.FirstName~/m);
  });

  it('prints machine-readable diagnostics with --json', () => {
    const r = nudge(['check', '--json', 'test/fixtures/unknown-merge-field.seq.ts']);
    expect(r.code).toBe(1);
    const list = JSON.parse(r.stdout) as Array<{ code: string; severity: string; source: { line: number }; stepId?: string }>;
    expect(list).toEqual([expect.objectContaining({ code: 'NUDGE002', severity: 'error', stepId: 'email-welcome', source: expect.objectContaining({ line: 9 }) })]);
  });

  it('exits 0 on warnings only', () => {
    const r = nudge(['check', 'test/fixtures/no-start-goal.seq.ts']);
    expect(r.stdout).toMatch(/ warning NUDGE011 /);
    expect(r.code).toBe(0);
  });

  it("reports TypeScript's type errors in the same format", () => {
    const dir = mkdtempSync(join(ROOT, 'test/cli/.tmp-'));
    const file = join(dir, 'typo.seq.ts');
    writeFileSync(file, [
      "import { sequence, start } from 'nudge';",
      "export default sequence('typo', {",
      "  name: 'Typo',",
      "  paths: [start().delay('2d', { on: 'weekends' })],",
      '});',
      '',
    ].join('\n'));
    const r = nudge(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/typo\.seq\.ts:4:\d+ error TS2322 /);
    const skipped = nudge(['check', '--no-typecheck', file]);
    expect(skipped.stdout).not.toMatch(/TS2322/);
  });

  it('names the file and line of a sequence file that throws, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-cli-'));
    const file = join(dir, 'throws.seq.ts');
    writeFileSync(file, "import { sequence, start } from 'nudge';\n\nexport default sequence('x', { name: 'x', paths: [start().delay('2 days' as any)] });\n");
    const r = nudge(['check', '--no-typecheck', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/throws\.seq\.ts:3:\d+ error NUDGE_ERR_LOAD_DSL Invalid duration "2 days"/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a missing file with exit code 2', () => {
    const r = nudge(['check', 'samples/nope.seq.ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No such file or folder: samples\/nope\.seq\.ts/);
  });
});

describe('nudge --help', () => {
  it('lists the commands', () => {
    const r = nudge(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/check/);
    expect(r.stdout).toMatch(/render/);
    expect(r.stdout).toMatch(/simulate/);
  });

  it('rejects an unknown command with exit code 2', () => {
    expect(nudge(['frobnicate']).code).toBe(2);
  });
});
