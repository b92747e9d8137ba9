import { describe, expect, it } from 'vitest';
import { formatLocal, formatLocalIso, formatUtc } from '../../../runtime/engine/time';
import { KOL, LHI, NY, utc } from './helpers';

describe('formatting instants for people', () => {
  it('prints local time with the English abbreviation where the zone has one', () => {
    expect(formatLocal(utc('2026-03-09T12:00:00Z'), NY)).toBe('2026-03-09 08:00 EDT');
    expect(formatLocal(utc('2026-01-06T14:00:00Z'), NY)).toBe('2026-01-06 09:00 EST');
    expect(formatLocal(utc('2026-01-06T14:00:00Z'), 'UTC')).toBe('2026-01-06 14:00 UTC');
  });

  it('falls back to the numeric offset otherwise', () => {
    expect(formatLocal(utc('2026-01-06T14:00:00Z'), KOL)).toBe('2026-01-06 19:30 +05:30');
    expect(formatLocal(utc('2026-10-03T15:45:00Z'), LHI)).toBe('2026-10-04 02:45 +11:00');
  });

  it('shows seconds on request, and ISO forms for machines', () => {
    expect(formatLocal(utc('2026-01-06T14:00:05Z'), NY, { seconds: true })).toBe('2026-01-06 09:00:05 EST');
    expect(formatUtc(utc('2026-03-09T12:00:00Z'))).toBe('2026-03-09T12:00:00.000Z');
    expect(formatLocalIso(utc('2026-03-09T12:00:00Z'), NY)).toBe('2026-03-09T08:00:00.000-04:00');
  });

  it('refuses an unknown zone', () => {
    expect(() => formatLocal(0, 'Nowhere/Land')).toThrow(/Unknown time zone/);
  });
});
