import { describe, expect, it } from 'vitest';
import { formatStart, nextWholeHour, parseHorizonDays, parseStart } from '../../../extension/dry-run/start-time';

describe('start and horizon input', () => {
  it('defaults to the next whole hour', () => {
    expect(formatStart(nextWholeHour(Date.parse('2026-12-01T14:25:13.5Z')))).toBe('2026-12-01T15:00:00Z');
    expect(formatStart(nextWholeHour(Date.parse('2026-12-01T14:00:00Z')))).toBe('2026-12-01T15:00:00Z');
  });

  it('reads instants with a zone as written, and without one in the account zone', () => {
    expect(parseStart('2026-12-01T14:00:00Z', 'America/New_York')).toEqual({ ms: Date.parse('2026-12-01T14:00:00Z') });
    expect(parseStart('2026-12-01T09:00-05:00', 'UTC')).toEqual({ ms: Date.parse('2026-12-01T14:00:00Z') });
    expect(parseStart('2026-12-01T09:00', 'America/New_York')).toEqual({ ms: Date.parse('2026-12-01T14:00:00Z') });
    expect(parseStart('2026-12-01', 'Europe/London')).toEqual({ ms: Date.parse('2026-12-01T00:00:00Z') });
  });

  it('explains what to write for anything else', () => {
    const bad = parseStart('next tuesday', 'America/New_York');
    expect('error' in bad && bad.error).toMatch(/^"next tuesday" is not an ISO date and time\. Write an ISO date and time, e\.g\. .*Z \(UTC\) or 2026-12-01T09:00 \(account zone America\/New_York\)\.$/);
    const impossible = parseStart('2026-02-30T10:00Z', 'UTC');
    expect('error' in impossible && impossible.error).toMatch(/is not a real date and time/);
  });

  it('takes a positive horizon up to ten years', () => {
    expect(parseHorizonDays('30')).toEqual({ days: 30 });
    expect(parseHorizonDays(' 0.5 ')).toEqual({ days: 0.5 });
    for (const bad of ['', '0', '-3', 'soon', '4000']) expect(parseHorizonDays(bad)).toHaveProperty('error');
  });
});
