// The real `nudge` command on failures of the table: one line on stderr, `error CODE: message`, the table's exit code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorTable, type ErrorCode } from '../../errors/error-table';
import { nudge } from '../cli/run-nudge';

const dir = mkdtempSync(join(tmpdir(), 'nudge-cli-errors-'));
const file = (name: string, text: string) => { writeFileSync(join(dir, name), text); return join(dir, name); };
const SEQ = 'samples/lead-welcome.seq.ts';
const START = ['--start', '2026-12-01T14:00:00Z'];

const RUNS: Array<[ErrorCode, string[]]> = [
  ['NUDGE_ERR_USAGE', ['check', 'samples/nope.seq.ts']],
  ['NUDGE_ERR_BAD_TIME_ZONE', ['simulate', SEQ, '--contacts', 'samples/contacts.json', '--tz', 'Mars/Olympus']],
  ['NUDGE_ERR_BAD_INSTANT', ['simulate', SEQ, '--contacts', 'samples/contacts.json', '--start', 'tomorrow']],
  ['NUDGE_ERR_SCENARIO_FILE', ['simulate', SEQ, '--scenario', file('bad.scenario.json', '{"events": 3}'), ...START]],
  ['NUDGE_ERR_CONTACT_FILE', ['simulate', SEQ, '--contacts', file('contacts.json', '{"id": "c1"}'), ...START]],
  ['NUDGE_ERR_STORE_FILE', ['simulate', SEQ, '--store', join(dir, 'no-store.json'), ...START]],
  ['NUDGE_ERR_CONFIG', ['serve', '--config', join(dir, 'none.json')]],
];

describe.each(RUNS)('%s from the command line', (code, args) => {
  it('prints one line `error CODE: message` and exits with the code of the table', () => {
    const r = nudge(args);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^error ${code}: \\S`))]);
    expect(r.code).toBe(errorTable[code].exitCode);
  });
});

describe('a sequence file that does not load', () => {
  it('prints the diagnostic line file:line:col error NUDGE_ERR_LOAD_… and exits 1', () => {
    const r = nudge(['render', file('throws.seq.ts', "throw new Error('boom');\n")]);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/throws\.seq\.ts:1:\d+ error NUDGE_ERR_LOAD_THROW Error: boom$/)]);
    expect(r.code).toBe(errorTable.NUDGE_ERR_LOAD_THROW.exitCode);
  });
});
