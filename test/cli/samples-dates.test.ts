/**
 * Samples must not rot: checked as `nudge check` would a year from today,
 * no sample has a date timer that has passed (NUDGE004). A sample date that
 * comes within a year of today fails here first, long before users see it.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCheck } from '../../runtime/cli/check-command';
import { ROOT } from './run-nudge';

const YEAR_MS = 366 * 86_400_000;

describe('sample dates', () => {
  it('has no passed date timer a year from today', async () => {
    const { diagnostics, sequences } = await runCheck([join(ROOT, 'samples')], { typecheck: false, now: Date.now() + YEAR_MS });
    expect(sequences.length).toBeGreaterThan(0);
    const passed = diagnostics.filter((d) => d.code === 'NUDGE004').map((d) => `${d.source?.file}:${d.source?.line} ${d.message}`);
    expect(passed).toEqual([]);
  });
});
