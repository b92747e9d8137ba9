// @vitest-environment node
/**
 * `nudge simulate --start`: a date that does not exist is refused (no
 * rollover into the next month), and a local time is read in `--tz`.
 */
import { describe, expect, it } from 'vitest';
import { nudge } from './run-nudge';

const SEQ = 'samples/lead-welcome.seq.ts';
const base = ['simulate', SEQ, '--contacts', 'samples/contacts.json', '--users', 'samples/users.json', '--days', '1', '--json'];
const firstWelcome = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.step === 'welcome-email').time;

describe('nudge simulate --start', () => {
  it('refuses 2026-02-30 in one line instead of rolling it over into March', () => {
    const r = nudge([...base, '--start', '2026-02-30T14:00:00Z']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error NUDGE_ERR_BAD_INSTANT: --start "2026-02-30T14:00:00Z" is not an ISO 8601 instant; write one like 2026-12-01T14:00:00Z.\n');
  });

  it('refuses an hour that does not exist, and --until the same way', () => {
    expect(nudge([...base, '--start', '2026-12-01T25:00']).stderr).toMatch(/^error NUDGE_ERR_BAD_INSTANT: --start "2026-12-01T25:00"/);
    const until = nudge(['simulate', SEQ, '--contacts', 'samples/contacts.json', '--start', '2026-12-01T09:00Z', '--until', '2026-12-32']);
    expect(until.code).toBe(2);
    expect(until.stderr).toMatch(/^error NUDGE_ERR_BAD_INSTANT: --until "2026-12-32"/);
  });

  it('reads a local time without a zone in --tz', () => {
    const r = nudge([...base, '--start', '2026-12-01T09:00', '--tz', 'America/New_York']);
    expect(r.code, r.stderr).toBe(0);
    expect(firstWelcome(r.stdout)).toBe('2026-12-01T14:00:00.000Z');
  });

  it('reads a date alone as midnight in --tz, and an explicit offset as it says', () => {
    expect(firstWelcome(nudge([...base, '--start', '2026-12-01', '--tz', 'Asia/Tokyo']).stdout)).toBe('2026-11-30T15:00:00.000Z');
    expect(firstWelcome(nudge([...base, '--start', '2026-12-01T09:00:00+01:00', '--tz', 'America/New_York']).stdout)).toBe('2026-12-01T08:00:00.000Z');
  });
});
