/**
 * The table of codes stays stable and documented: every code has a
 * fixture, a test case and a row in docs/diagnostics.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../dsl/validate';
import { FIXTURE_CASES } from './fixture-cases';

const ROOT = join(__dirname, '..', '..');
const entries = Object.entries(RULES);

describe('RULES', () => {
  it('numbers codes without gaps and gives each a unique name and a one-line description', () => {
    expect(entries.map(([code]) => code)).toEqual(entries.map((_, i) => `NUDGE${String(i + 1).padStart(3, '0')}`));
    expect(new Set(entries.map(([, r]) => r.name)).size).toBe(entries.length);
    for (const [, rule] of entries) {
      expect(rule.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description).not.toContain('\n');
    }
  });

  it.each(entries)('%s has a failing fixture named after it, tested with its severity', (code, rule) => {
    expect(existsSync(join(ROOT, 'test', 'fixtures', `${rule.name}.seq.ts`))).toBe(true);
    const testCase = FIXTURE_CASES.find((c) => c.code === code);
    expect(testCase?.fixture).toBe(rule.name);
    expect(testCase?.severity).toBe(rule.severity);
  });

  it('is documented row by row in docs/diagnostics.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
    for (const [code, rule] of entries) {
      expect(doc).toContain(`| ${code} | ${rule.name} | ${rule.severity} |`);
    }
  });
});
