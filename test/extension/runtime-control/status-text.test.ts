import { describe, expect, it } from 'vitest';
import { clockText, statusView } from '../../../extension/runtime-control/status-text';

describe('status bar text', () => {
  it('says stopped, starting and stopping', () => {
    expect(statusView({ kind: 'stopped' }, 'UTC').text).toBe('$(debug-stop) Nudge: stopped');
    expect(statusView({ kind: 'stopped', lastError: 'port 4400 in use' }, 'UTC').tooltip).toContain('port 4400 in use');
    expect(statusView({ kind: 'starting', port: 4400 }, 'UTC').text).toBe('$(sync~spin) Nudge: starting');
    expect(statusView({ kind: 'starting', port: 4400 }, 'UTC').tooltip).toContain('127.0.0.1:4400');
    expect(statusView({ kind: 'starting' }, 'UTC').tooltip).toBe('Starting nudge serve… Click to see its log.'); // before the port is known
    expect(statusView({ kind: 'stopping' }, 'UTC').text).toBe('$(sync~spin) Nudge: stopping');
  });

  it('shows the port and the wall clock time in the account zone', () => {
    const v = statusView({ kind: 'running', port: 4400, clock: { kind: 'wall', now: '2026-12-03T19:05:00.000Z' } }, 'America/New_York');
    expect(v.text).toBe('$(pulse) Nudge :4400 · wall 14:05');
    expect(v.tooltip).toContain('http://127.0.0.1:4400');
  });

  it('shows the simulated clock with its date, and a warning when polling fails', () => {
    const v = statusView({ kind: 'running', port: 4401, clock: { kind: 'simulated', now: '2026-12-03T14:00:00Z' }, pollError: 'timeout' }, 'America/New_York');
    expect(v.text).toBe('$(pulse) Nudge :4401 · simulated 2026-12-03 09:00 $(warning)');
    expect(v.tooltip).toContain('Last poll failed: timeout');
  });

  it('shows a running runtime before its clock is known, and a clock it cannot read by its kind', () => {
    expect(statusView({ kind: 'running', port: 4400 }, 'UTC').text).toBe('$(pulse) Nudge :4400');
    expect(clockText({ kind: 'wall', now: 'garbage' }, 'UTC')).toBe('wall');
  });
});
