import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonthsClamped, dateOfEpochDay, epochDay, parseIsoDate, weekdayOfEpochDay,
} from '../../../runtime/engine/time/calendar';

describe('calendar arithmetic', () => {
  it('epoch days agree with Date.UTC and round-trip (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (days) => {
        const d = dateOfEpochDay(days);
        expect(epochDay(d.year, d.month, d.day)).toBe(days);
        const js = new Date(days * 86_400_000);
        expect([d.year, d.month, d.day]).toEqual([js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate()]);
        expect(weekdayOfEpochDay(days)).toBe((js.getUTCDay() + 6) % 7);
      }),
    );
  });

  it('adds months clamped to the end of the month', () => {
    expect(addMonthsClamped({ year: 2027, month: 1, day: 31 }, 1)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addMonthsClamped({ year: 2028, month: 1, day: 31 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonthsClamped({ year: 2027, month: 3, day: 31 }, -1)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addMonthsClamped({ year: 2026, month: 12, day: 15 }, 2)).toEqual({ year: 2027, month: 2, day: 15 });
    expect(addMonthsClamped({ year: 2026, month: 1, day: 15 }, -13)).toEqual({ year: 2024, month: 12, day: 15 });
  });

  it('parses only real ISO dates', () => {
    expect(parseIsoDate('2028-02-29')).toBe(epochDay(2028, 2, 29));
    expect(parseIsoDate('2027-02-29')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('26-01-01')).toBeNull();
  });
});
