import { describe, expect, it } from 'vitest';
import type { DelayParams, DurationUnit } from '../../../dsl/ir';
import { addDuration, delayFireTime, delayTimes, formatLocal, resolveZone } from '../../../runtime/engine/time';
import { KOL, LHI, NY, SYD, iso, utc } from './helpers';

const delay = (text: string, opts: Omit<DelayParams, 'duration'> = {}): DelayParams => {
  const m = /^(\d+)(m|h|d|w)$/.exec(text)!;
  return { duration: { amount: Number(m[1]), unit: m[2] as DurationUnit }, ...opts };
};
const fire = (p: DelayParams, entryIso: string, zone: string) => iso(delayFireTime(p, utc(entryIso), zone));
const fireLocal = (p: DelayParams, entryIso: string, zone: string) => formatLocal(delayFireTime(p, utc(entryIso), zone), zone);

describe('delay timer: the worked examples of SEMANTICS §2.1 (America/New_York)', () => {
  it("Fri 2026-03-06 09:00, delay('3d', { on: 'weekdays', at: '08:00' }) → Mon 03-09 08:00 EDT", () => {
    const t = delayTimes(delay('3d', { on: 'weekdays', at: '08:00' }), utc('2026-03-06T14:00:00Z'), NY);
    expect(iso(t.due)).toBe('2026-03-09T13:00:00.000Z'); // Mon 09:00 EDT
    expect(iso(t.earliest)).toBe('2026-03-09T04:00:00.000Z'); // Mon 00:00 EDT
    expect(iso(t.fire)).toBe('2026-03-09T12:00:00.000Z');
    expect(formatLocal(t.fire, NY)).toBe('2026-03-09 08:00 EDT');
  });

  it("Mon 2026-01-05 16:30, delay('2h', { between: ['09:00','17:00'] }) → due 18:30 → Tue 01-06 09:00", () => {
    const t = delayTimes(delay('2h', { between: ['09:00', '17:00'] }), utc('2026-01-05T21:30:00Z'), NY);
    expect(formatLocal(t.due, NY)).toBe('2026-01-05 18:30 EST');
    expect(formatLocal(t.fire, NY)).toBe('2026-01-06 09:00 EST');
  });

  it("Sat 2026-03-07 02:30, delay('1d') → due Sun 02:30 does not exist → 03:30 EDT", () => {
    expect(fireLocal(delay('1d'), '2026-03-07T07:30:00Z', NY)).toBe('2026-03-08 03:30 EDT');
  });
});

describe('delay timer: due', () => {
  it('counts minutes and hours as exact elapsed time', () => {
    expect(fire(delay('90m'), '2026-01-05T10:00:00Z', NY)).toBe('2026-01-05T11:30:00.000Z');
    expect(fire(delay('0m'), '2026-01-05T10:00:00.123Z', NY)).toBe('2026-01-05T10:00:00.123Z');
  });

  it("differs by an hour between '24h' and '1d' across New York's spring-forward night", () => {
    const entry = '2026-03-07T17:00:00Z'; // Sat 12:00 EST
    expect(fireLocal(delay('24h'), entry, NY)).toBe('2026-03-08 13:00 EDT');
    expect(fireLocal(delay('1d'), entry, NY)).toBe('2026-03-08 12:00 EDT');
    expect(delayFireTime(delay('24h'), utc(entry), NY) - delayFireTime(delay('1d'), utc(entry), NY)).toBe(3_600_000);
  });

  it("differs by an hour the other way across New York's fall-back night", () => {
    const entry = '2026-10-31T16:00:00Z'; // Sat 12:00 EDT
    expect(fireLocal(delay('24h'), entry, NY)).toBe('2026-11-01 11:00 EST');
    expect(fireLocal(delay('1d'), entry, NY)).toBe('2026-11-01 12:00 EST');
  });

  it('does the same in Sydney (DST ends 5 April 2026, starts 4 October 2026)', () => {
    expect(fireLocal(delay('24h'), '2026-04-04T01:00:00Z', SYD)).toBe('2026-04-05 11:00 +10:00');
    expect(fireLocal(delay('1d'), '2026-04-04T01:00:00Z', SYD)).toBe('2026-04-05 12:00 +10:00');
    expect(fireLocal(delay('24h'), '2026-10-03T02:00:00Z', SYD)).toBe('2026-10-04 13:00 +11:00');
    expect(fireLocal(delay('1d'), '2026-10-03T02:00:00Z', SYD)).toBe('2026-10-04 12:00 +11:00');
  });

  it("differs by 30 minutes on Lord Howe Island, whose DST is half an hour", () => {
    const entry = '2026-10-03T01:30:00Z'; // Sat 12:00 +10:30
    expect(fireLocal(delay('24h'), entry, LHI)).toBe('2026-10-04 12:30 +11:00');
    expect(fireLocal(delay('1d'), entry, LHI)).toBe('2026-10-04 12:00 +11:00');
  });

  it('counts weeks as 7 calendar days at the same wall time', () => {
    expect(fireLocal(delay('1w'), '2026-03-06T14:00:00Z', NY)).toBe('2026-03-13 09:00 EDT');
    expect(fireLocal(delay('2w', { on: ['mon'], at: '10:00' }), '2026-01-07T20:00:00Z', NY)).toBe('2026-01-26 10:00 EST');
  });

  it('is available on its own as addDuration, for other objects that count durations the same way', () => {
    expect(formatLocal(addDuration(utc('2026-03-07T17:00:00Z'), { amount: 1, unit: 'd' }, NY), NY)).toBe('2026-03-08 12:00 EDT');
    expect(formatLocal(addDuration(utc('2026-03-07T17:00:00Z'), { amount: 24, unit: 'h' }, NY), NY)).toBe('2026-03-08 13:00 EDT');
  });

  it('takes the earlier instant when due falls in the repeated fall-back hour', () => {
    expect(fire(delay('1d'), '2026-10-31T05:30:00Z', NY)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
  });

  it("never fires before the entry: '0d' entered in the second 01:30 of a fall-back night fires at once", () => {
    expect(fire(delay('0d'), '2026-11-01T06:30:00Z', NY)).toBe('2026-11-01T06:30:00.000Z');
  });
});

describe('delay timer: earliest and the time restrictions', () => {
  it("'1d' with 'at' means the next calendar date at that time, even if that is under 24 hours", () => {
    // Mon 23:00 → due Tue 23:00, earliest Tue 00:00 → Tue 08:00.
    expect(fireLocal(delay('1d', { at: '08:00' }), '2026-01-06T04:00:00Z', NY)).toBe('2026-01-06 08:00 EST');
  });

  it("'0d' with 'at' fires today if the time is still ahead, else tomorrow", () => {
    expect(fireLocal(delay('0d', { at: '08:00' }), '2026-01-05T12:00:00Z', NY)).toBe('2026-01-05 08:00 EST'); // entered 07:00
    expect(fireLocal(delay('0d', { at: '08:00' }), '2026-01-05T15:00:00Z', NY)).toBe('2026-01-06 08:00 EST'); // entered 10:00
  });

  it("with minutes/hours and 'at', goes to the next allowed date once the time has passed", () => {
    expect(fireLocal(delay('0m', { at: '08:00' }), '2026-01-05T14:00:00Z', NY)).toBe('2026-01-06 08:00 EST');
    // Fri 07:30 + 2h = 09:30: Friday's 08:00 has passed, the weekend is not allowed → Mon.
    expect(fireLocal(delay('2h', { on: 'weekdays', at: '08:00' }), '2026-01-09T12:30:00Z', NY)).toBe('2026-01-12 08:00 EST');
  });

  it("honours an explicit list of days", () => {
    // Thu 09:00 + 1d → Fri; only Tue/Thu allowed → Tue 10:00.
    expect(fireLocal(delay('1d', { on: ['tue', 'thu'], at: '10:00' }), '2026-01-08T14:00:00Z', NY)).toBe('2026-01-13 10:00 EST');
    expect(fireLocal(delay('0m', { on: ['sun'] }), '2026-01-08T14:00:00Z', NY)).toBe('2026-01-11 00:00 EST');
  });

  it("with 'on' alone: due if its date is allowed, else local midnight of the next allowed date", () => {
    expect(fireLocal(delay('1d', { on: 'weekdays' }), '2026-01-05T20:00:00Z', NY)).toBe('2026-01-06 15:00 EST');
    expect(fireLocal(delay('1d', { on: 'weekdays' }), '2026-01-09T20:00:00Z', NY)).toBe('2026-01-12 00:00 EST');
    expect(fireLocal(delay('3h', { on: ['sat'] }), '2026-01-10T04:00:00Z', NY)).toBe('2026-01-10 02:00 EST');
    expect(fireLocal(delay('3h', { on: ['sat'] }), '2026-01-10T01:00:00Z', NY)).toBe('2026-01-10 00:00 EST');
  });

  it("'0m' + weekdays + between is 'wait for business hours'", () => {
    const biz = delay('0m', { on: 'weekdays', between: ['09:00', '17:00'] });
    expect(fireLocal(biz, '2026-01-05T15:15:00Z', NY)).toBe('2026-01-05 10:15 EST'); // inside: at once
    expect(fireLocal(biz, '2026-01-05T13:00:00Z', NY)).toBe('2026-01-05 09:00 EST'); // 08:00 → 09:00
    expect(fireLocal(biz, '2026-01-05T22:00:00Z', NY)).toBe('2026-01-06 09:00 EST'); // 17:00 is outside [09:00,17:00)
    expect(fireLocal(biz, '2026-01-09T23:00:00Z', NY)).toBe('2026-01-12 09:00 EST'); // Fri 18:00 → Mon
    expect(fireLocal(biz, '2026-01-10T17:00:00Z', NY)).toBe('2026-01-12 09:00 EST'); // Sat noon → Mon
  });

  it("with d/w and 'between', a due inside the window still waits only for the window, from midnight", () => {
    // Mon 10:00 + 1d: earliest Tue 00:00 → Tue 09:00 (before due Tue 10:00).
    expect(fireLocal(delay('1d', { between: ['09:00', '17:00'] }), '2026-01-05T15:00:00Z', NY)).toBe('2026-01-06 09:00 EST');
  });
});

describe('delay timer: daylight saving time and the restrictions', () => {
  it("an 'at' time inside the spring-forward gap fires after the gap (02:30 → 03:30 EDT)", () => {
    expect(fireLocal(delay('0m', { at: '02:30' }), '2026-03-07T17:00:00Z', NY)).toBe('2026-03-08 03:30 EDT');
    expect(fireLocal(delay('1d', { at: '02:30' }), '2026-03-07T17:00:00Z', NY)).toBe('2026-03-08 03:30 EDT');
    expect(fireLocal(delay('1d', { at: '02:30' }), '2026-10-03T02:00:00Z', SYD)).toBe('2026-10-04 03:30 +11:00');
    expect(fireLocal(delay('1d', { at: '02:15' }), '2026-10-03T01:30:00Z', LHI)).toBe('2026-10-04 02:45 +11:00');
  });

  it("an 'at' time in the repeated fall-back hour fires at its first occurrence, or its second if entered between them", () => {
    expect(fire(delay('0m', { at: '01:30' }), '2026-11-01T05:15:00Z', NY)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(fire(delay('0m', { at: '01:30' }), '2026-11-01T06:15:00Z', NY)).toBe('2026-11-01T06:30:00.000Z'); // 01:30 EST
    expect(fire(delay('1d', { at: '02:30' }), '2026-04-04T01:00:00Z', SYD)).toBe('2026-04-04T15:30:00.000Z'); // 02:30 AEDT
  });

  it('a window starting in the gap opens at the compatible instant of its start', () => {
    const early = delay('0m', { between: ['02:30', '05:00'] });
    expect(fireLocal(early, '2026-03-07T17:00:00Z', NY)).toBe('2026-03-08 03:30 EDT');
    // Entered at 03:10 EDT (the clock already reads past 02:30): still waits for the opening.
    expect(fireLocal(early, '2026-03-08T07:10:00Z', NY)).toBe('2026-03-08 03:30 EDT');
  });

  it('a window ending in the gap closes when the clock jumps past its end', () => {
    const w = delay('0m', { between: ['01:00', '02:30'] });
    expect(fireLocal(w, '2026-03-08T06:30:00Z', NY)).toBe('2026-03-08 01:30 EST'); // inside
    expect(fireLocal(w, '2026-03-08T07:10:00Z', NY)).toBe('2026-03-09 01:00 EDT'); // 03:10 EDT is past 02:30
  });

  it('a window in the repeated fall-back hour is open during both passes', () => {
    const w = delay('0m', { between: ['01:00', '01:30'] });
    expect(fire(w, '2026-11-01T05:10:00Z', NY)).toBe('2026-11-01T05:10:00.000Z'); // 01:10 EDT
    expect(fire(w, '2026-11-01T05:40:00Z', NY)).toBe('2026-11-01T06:00:00.000Z'); // 01:40 EDT → 01:00 EST
    expect(fire(w, '2026-11-01T06:40:00Z', NY)).toBe('2026-11-02T06:00:00.000Z'); // 01:40 EST → tomorrow 01:00 EST
    // The clock going back from 02:00 EDT to 01:00 EST re-enters [00:30, 01:30) at the change itself.
    expect(fire(delay('0m', { between: ['00:30', '01:30'] }), '2026-11-01T05:45:00Z', NY)).toBe('2026-11-01T06:00:00.000Z');
  });

  it('business hours across the DST change keep the local clock time', () => {
    const biz = delay('0m', { between: ['09:00', '17:00'] });
    expect(fireLocal(biz, '2026-03-07T23:00:00Z', NY)).toBe('2026-03-08 09:00 EDT');
    expect(fireLocal(biz, '2026-10-31T22:00:00Z', NY)).toBe('2026-11-01 09:00 EST');
    expect(fireLocal(biz, '2026-04-04T08:00:00Z', SYD)).toBe('2026-04-05 09:00 +10:00');
    expect(fireLocal(biz, '2026-10-03T08:00:00Z', SYD)).toBe('2026-10-04 09:00 +11:00');
  });

  it('works in a half-hour zone (Asia/Kolkata, +05:30)', () => {
    // Fri 2026-03-06 09:00 IST, the same rule as the first worked example.
    expect(fireLocal(delay('3d', { on: 'weekdays', at: '08:00' }), '2026-03-06T03:30:00Z', KOL)).toBe('2026-03-09 08:00 +05:30');
    expect(fire(delay('3d', { on: 'weekdays', at: '08:00' }), '2026-03-06T03:30:00Z', KOL)).toBe('2026-03-09T02:30:00.000Z');
  });
});

describe('delay timer: which zone', () => {
  const p = delay('0m', { at: '09:00', tz: 'contact' });
  const entry = utc('2026-01-05T12:00:00Z');
  const fireIn = (rule: string | undefined, contactZone?: string) =>
    iso(delayFireTime(p, entry, resolveZone(rule, { accountZone: NY, contactZone }).zone));

  it("evaluates in the contact's zone, the account zone, or an explicit zone", () => {
    expect(fireIn('contact', KOL)).toBe('2026-01-06T03:30:00.000Z'); // 09:00 IST on the 6th (17:30 IST on entry)
    expect(fireIn(undefined, KOL)).toBe('2026-01-05T14:00:00.000Z'); // 09:00 EST on the 5th
    expect(fireIn('contact', undefined)).toBe('2026-01-05T14:00:00.000Z'); // no contact zone → account
    expect(fireIn('contact', 'Nowhere/Land')).toBe('2026-01-05T14:00:00.000Z'); // invalid → account
    expect(fireIn('UTC', KOL)).toBe('2026-01-06T09:00:00.000Z'); // 12:00Z is past 09:00Z
  });
});

describe('delay timer: malformed parameters (the validator should have caught them)', () => {
  it('rejects at and between together, an empty window, an empty day list and a bad unit', () => {
    expect(() => delayFireTime(delay('1d', { at: '08:00', between: ['09:00', '10:00'] }), 0, 'UTC')).toThrow(/'at' or 'between'/);
    expect(() => delayFireTime(delay('1d', { between: ['10:00', '09:00'] }), 0, 'UTC')).toThrow(/empty/);
    expect(() => delayFireTime(delay('1d', { on: [] }), 0, 'UTC')).toThrow(/allows no day/);
    expect(() => delayFireTime({ duration: { amount: 1, unit: 'y' as DurationUnit } }, 0, 'UTC')).toThrow(/unit/);
    expect(() => delayFireTime(delay('1d'), 0, 'Not/AZone')).toThrow(/Unknown time zone/);
  });
});
