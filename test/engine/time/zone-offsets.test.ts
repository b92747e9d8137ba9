import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidZone } from '../../../runtime/engine/time';
import { ZoneOffsets } from '../../../runtime/engine/time/zone-offsets';
import { LHI, NY, SYD, luxonOffsetMs, utc } from './helpers';

describe('zone offset cache', () => {
  it('changes offset at the exact millisecond the tz data says (New York, 8 March 2026 07:00Z)', () => {
    const z = ZoneOffsets.forName(NY);
    expect(z.offsetMs(utc('2026-03-08T06:59:59.999Z'))).toBe(-5 * 3_600_000);
    expect(z.offsetMs(utc('2026-03-08T07:00:00.000Z'))).toBe(-4 * 3_600_000);
  });

  it('finds every 2026 offset change to the millisecond, in both hemispheres and with a 30-minute DST', () => {
    const expected: Record<string, string[]> = {
      [NY]: ['2026-03-08T07:00:00.000Z', '2026-11-01T06:00:00.000Z'],
      [SYD]: ['2026-04-04T16:00:00.000Z', '2026-10-03T16:00:00.000Z'],
      [LHI]: ['2026-04-04T15:00:00.000Z', '2026-10-03T15:30:00.000Z'],
      'America/Santiago': ['2026-04-05T03:00:00.000Z', '2026-09-06T04:00:00.000Z'],
      'Asia/Kolkata': [],
    };
    for (const [zone, changes] of Object.entries(expected)) {
      const z = ZoneOffsets.forName(zone);
      const found: string[] = [];
      // Reference: Luxon every 6 hours, bisected to the millisecond where it changes.
      for (let t = utc('2026-01-01T00:00:00Z'); t < utc('2027-01-01T00:00:00Z'); t += 6 * 3_600_000) {
        let lo = t, hi = t + 6 * 3_600_000;
        if (luxonOffsetMs(lo, zone) === luxonOffsetMs(hi, zone)) {
          expect(z.offsetMs(lo), `${zone} ${new Date(lo).toISOString()}`).toBe(luxonOffsetMs(lo, zone));
          continue;
        }
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (luxonOffsetMs(mid, zone) === luxonOffsetMs(lo, zone)) lo = mid; else hi = mid;
        }
        expect(z.offsetMs(hi - 1)).toBe(luxonOffsetMs(hi - 1, zone));
        expect(z.offsetMs(hi)).toBe(luxonOffsetMs(hi, zone));
        found.push(new Date(hi).toISOString());
      }
      expect(found, zone).toEqual(changes);
    }
  });

  it('matches Luxon at random instants in every zone the system knows (property)', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: utc('1990-01-01T00:00:00Z'), max: utc('2040-01-01T00:00:00Z') }), (zone, t) => {
        expect(ZoneOffsets.forName(zone).offsetMs(t)).toBe(luxonOffsetMs(t, zone));
      }),
      { numRuns: 400 },
    );
  });

  it('rejects an unknown zone with a message that says what to write', () => {
    expect(() => ZoneOffsets.forName('Mars/Olympus_Mons')).toThrow(/Unknown time zone "Mars\/Olympus_Mons".*IANA name/);
  });

  it('knows valid zones', () => {
    expect(isValidZone('America/New_York')).toBe(true);
    expect(isValidZone('UTC')).toBe(true);
    expect(isValidZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidZone('')).toBe(false);
    expect(isValidZone(undefined)).toBe(false);
  });
});
