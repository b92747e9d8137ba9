import { describe, expect, it } from 'vitest';
import { nudge } from './run-nudge';

describe('nudge simulate --scenario', () => {
  it('says a --scenario file cannot be read, without a stack trace', () => {
    const r = nudge(['simulate', 'samples/lead-welcome.seq.ts', '--scenario', 'no-such.scenario.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error NUDGE_ERR_SCENARIO_FILE: Scenario file no-such.scenario.json: cannot be read (ENOENT); check the --scenario path.\n');
  });
});
