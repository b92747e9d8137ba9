import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nudge } from './run-nudge';

function attTypo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nudge-check-first-'));
  const file = join(dir, 'att.seq.ts');
  writeFileSync(file, [
    "import { sequence, start, tagApplied } from 'nudge';",
    "const morning = { att: '09:00' };",
    "export default sequence('att', {",
    "  name: 'Typo', startOn: tagApplied('Lead'),",
    "  paths: [start().delay('1d', morning as any).applyTag('Done')],",
    '});',
    '',
  ].join('\n'));
  return file;
}

describe('an unknown option key', () => {
  it('is an error of check --no-typecheck, with a did-you-mean, at the call', () => {
    const r = nudge(['check', '--no-typecheck', attTypo()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/att\.seq\.ts:5:\d+ error NUDGE_ERR_LOAD_DSL delay\(\) has no option 'att'\. Did you mean 'at'\?/);
  });
});

describe('simulate and render check first', () => {
  const simulateArgs = ['--contacts', 'samples/contacts.json', '--start', '2026-12-01T14:00:00Z', '--days', '3'];

  it('simulate refuses a file with a rule error, printing the diagnostic, exit 1', () => {
    const r = nudge(['simulate', 'test/fixtures/unknown-merge-field.seq.ts', ...simulateArgs, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown-merge-field\.seq\.ts:9:8 error NUDGE002 .*Did you mean ~Contact\.FirstName~/);
    expect(r.stderr).toMatch(/--no-check/);
  });

  it('simulate --no-check runs anyway', () => {
    const r = nudge(['simulate', 'test/fixtures/unknown-merge-field.seq.ts', ...simulateArgs, '--json', '--no-check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/"kind":"email"/);
  });

  it('simulate refuses the typo\'d option too', () => {
    const r = nudge(['simulate', attTypo(), ...simulateArgs]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has no option 'att'\. Did you mean 'at'\?/);
  });

  it('render refuses a file with a rule error; --no-check renders it', { timeout: 60_000 }, () => {
    const r = nudge(['render', 'test/fixtures/unknown-merge-field.seq.ts']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error NUDGE002 /);
    const forced = nudge(['render', 'test/fixtures/unknown-merge-field.seq.ts', '--no-check']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/flowchart|graph/);
  });

  it('warnings do not stop simulate (they are check\'s to list)', () => {
    const r = nudge(['simulate', 'test/fixtures/no-start-goal.seq.ts', ...simulateArgs, '--json']);
    expect(r.stderr).not.toMatch(/NUDGE011/);
    expect(r.code).toBe(0);
  });
});
