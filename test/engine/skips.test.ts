/**
 * SEMANTICS §2.4 (skipped timers) and the skip reasons of §2.2 and §2.3, seen
 * through the engine: trace lines, what is (not) sent, and where the path ends.
 */
import { describe, expect, it } from 'vitest';
import { sequence, start } from 'nudge';
import { emails, enrollments, iso, run, shown } from './helpers';

const ada = { id: 'c1', email: 'ada@example.com', firstName: 'Ada', birthday: '1990-04-10', anniversary: '2020-05-01' };

describe('a passed date timer (SEMANTICS §2.2, §2.4)', () => {
  const xmas = sequence('xmas', {
    name: 'Christmas',
    paths: [
      start()
        .waitUntil('2025-12-24', { at: '09:00', id: 'xmas-2025' })
        .email({ subject: 'Merry Christmas', body: 'Hi' })
        .applyTag('Greeted')
        .waitUntil('2026-12-24', { at: '09:00', id: 'xmas-2026' })
        .email({ subject: 'Merry Christmas again', body: 'Hi' }),
    ],
  });

  it("is skipped with 'date passed', and the steps behind it with 'timer skipped', until a live timer which is waited on", () => {
    const result = run([xmas], [ada], { start: '2026-03-06T14:00:00Z', days: 300 });
    expect(shown(result)).toEqual([
      '2026-03-06T14:00:00.000Z c1 xmas/0 xmas-2025 skipped (date passed)',
      '2026-03-06T14:00:00.000Z c1 xmas/0 email-merry-christmas skipped (timer skipped)',
      '2026-03-06T14:00:00.000Z c1 xmas/0 tag-greeted skipped (timer skipped)',
      '2026-12-24T09:00:00.000Z c1 xmas/0 xmas-2026 done',
      '2026-12-24T09:00:00.000Z c1 xmas/0 email-merry-christmas-again done',
    ]);
    expect(emails(result.effects).map((e) => e.subject)).toEqual(['Merry Christmas again']);
    expect(result.states[0].contact.tags).not.toContain('Greeted');
  });

  it('leaves the contact waiting on the live timer (not skipping) while it is ahead', () => {
    const result = run([xmas], [ada], { start: '2026-03-06T14:00:00Z', days: 30 });
    const [e] = enrollments(result, 'c1', 'xmas');
    expect(e.status).toBe('active');
    expect(e.paths[0]).toMatchObject({ status: 'waiting', stepId: 'xmas-2026' });
    expect(iso(e.paths[0].wakeAt!)).toBe('2026-12-24T09:00:00.000Z');
  });

  it('ends the path (and the sequence) when no live timer follows', () => {
    const seq = sequence('late', {
      name: 'Late',
      paths: [start().waitUntil('2026-01-01').email({ subject: 'Happy new year', body: 'x' }).applyTag('NY')],
    });
    const result = run([seq], [ada], { start: '2026-03-06T14:00:00Z', days: 30 });
    expect(shown(result)).toEqual([
      '2026-03-06T14:00:00.000Z c1 late/0 until-2026-01-01 skipped (date passed)',
      '2026-03-06T14:00:00.000Z c1 late/0 email-happy-new-year skipped (timer skipped)',
      '2026-03-06T14:00:00.000Z c1 late/0 tag-ny skipped (timer skipped)',
    ]);
    const [e] = enrollments(result, 'c1', 'late');
    expect(e.status).toBe('completed');
    expect(iso(e.leftAt!)).toBe('2026-03-06T14:00:00.000Z');
    expect(result.effects).toEqual([]);
  });

  it('treats a delay behind a skipped timer as live: it is waited on and the steps after it run', () => {
    const seq = sequence('mixed', {
      name: 'Mixed',
      paths: [start().waitUntil('2026-01-01').applyTag('Skipped').delay('1d').applyTag('After')],
    });
    const result = run([seq], [ada], { start: '2026-03-06T14:00:00Z', days: 5 });
    expect(shown(result)).toEqual([
      '2026-03-06T14:00:00.000Z c1 mixed/0 until-2026-01-01 skipped (date passed)',
      '2026-03-06T14:00:00.000Z c1 mixed/0 tag-skipped skipped (timer skipped)',
      '2026-03-07T14:00:00.000Z c1 mixed/0 wait-1d done',
      '2026-03-07T14:00:00.000Z c1 mixed/0 tag-after done',
    ]);
    expect(result.states[0].contact.tags).toEqual(['After']);
  });

  it('records a timer that is itself passed with its own reason, not "timer skipped"', () => {
    const seq = sequence('two', {
      name: 'Two passed dates',
      paths: [start().waitUntil('2025-11-27').applyTag('A').waitUntil('2026-01-01').applyTag('B')],
    });
    const result = run([seq], [ada], { start: '2026-03-06T14:00:00Z', days: 5 });
    expect(shown(result)).toEqual([
      '2026-03-06T14:00:00.000Z c1 two/0 until-2025-11-27 skipped (date passed)',
      '2026-03-06T14:00:00.000Z c1 two/0 tag-a skipped (timer skipped)',
      '2026-03-06T14:00:00.000Z c1 two/0 until-2026-01-01 skipped (date passed)',
      '2026-03-06T14:00:00.000Z c1 two/0 tag-b skipped (timer skipped)',
    ]);
  });

  it('writes the skipped line at the instant the timer was reached, not at the entry', () => {
    const seq = sequence('later', {
      name: 'Later',
      paths: [start().delay('2d').waitUntil('2026-03-07').applyTag('X')],
    });
    const result = run([seq], [ada], { start: '2026-03-06T14:00:00Z', days: 5 });
    expect(shown(result)).toEqual([
      '2026-03-08T14:00:00.000Z c1 later/0 wait-2d done',
      '2026-03-08T14:00:00.000Z c1 later/0 until-2026-03-07 skipped (date passed)',
      '2026-03-08T14:00:00.000Z c1 later/0 tag-x skipped (timer skipped)',
    ]);
  });

  it('skips only in its own path: a parallel path goes on', () => {
    const seq = sequence('par', {
      name: 'Parallel',
      paths: [start().waitUntil('2026-01-01').applyTag('A'), start().applyTag('B', { id: 'tag-b' })],
    });
    const result = run([seq], [ada], { start: '2026-03-06T14:00:00Z', days: 1 });
    expect(shown(result)).toEqual([
      '2026-03-06T14:00:00.000Z c1 par/0 until-2026-01-01 skipped (date passed)',
      '2026-03-06T14:00:00.000Z c1 par/0 tag-a skipped (timer skipped)',
      '2026-03-06T14:00:00.000Z c1 par/1 tag-b done',
    ]);
  });
});

describe('field timers that cannot fire (SEMANTICS §2.3, §2.4)', () => {
  const birthday = sequence('bday', {
    name: 'Birthday',
    paths: [start().fieldTimer('birthday', { at: '09:00' }).email({ subject: 'Happy birthday', body: 'x' })],
  });

  it("skips an empty field with 'field empty' and the steps behind it with 'timer skipped'", () => {
    const noBirthday = { id: 'c2', email: 'bo@example.com' };
    const blank = { id: 'c3', email: 'cy@example.com', birthday: '' };
    const result = run([birthday], [noBirthday, blank], { start: '2026-03-06T14:00:00Z', days: 60 });
    expect(shown(result)).toEqual([
      '2026-03-06T14:00:00.000Z c2 bday/0 field-birthday skipped (field empty)',
      '2026-03-06T14:00:00.000Z c2 bday/0 email-happy-birthday skipped (timer skipped)',
      '2026-03-06T14:00:00.000Z c3 bday/0 field-birthday skipped (field empty)',
      '2026-03-06T14:00:00.000Z c3 bday/0 email-happy-birthday skipped (timer skipped)',
    ]);
    expect(result.effects).toEqual([]);
  });

  it("skips a malformed date value as 'field empty', without stopping the run for other contacts", () => {
    const bad = [
      { id: 'c2', email: 'b@example.com', birthday: '1990-02-30' },
      { id: 'c3', email: 'c@example.com', birthday: 'next tuesday' },
      { id: 'c4', email: 'd@example.com', birthday: 19900410 as unknown as string },
    ];
    const result = run([birthday], [...bad, ada], { start: '2026-03-06T14:00:00Z', days: 60 });
    expect(shown(result)).toEqual([
      '2026-03-06T14:00:00.000Z c2 bday/0 field-birthday skipped (field empty)',
      '2026-03-06T14:00:00.000Z c2 bday/0 email-happy-birthday skipped (timer skipped)',
      '2026-03-06T14:00:00.000Z c3 bday/0 field-birthday skipped (field empty)',
      '2026-03-06T14:00:00.000Z c3 bday/0 email-happy-birthday skipped (timer skipped)',
      '2026-03-06T14:00:00.000Z c4 bday/0 field-birthday skipped (field empty)',
      '2026-03-06T14:00:00.000Z c4 bday/0 email-happy-birthday skipped (timer skipped)',
      '2026-04-10T09:00:00.000Z c1 bday/0 field-birthday done',
      '2026-04-10T09:00:00.000Z c1 bday/0 email-happy-birthday done',
    ]);
  });

  it("skips an exact-occurrence date that has passed with 'date passed'", () => {
    const seq = sequence('anniv', {
      name: 'Anniversary',
      paths: [start().fieldTimer('anniversary', { occurrence: 'exact' }).applyTag('Anniversary')],
    });
    const passed = { id: 'c1', anniversary: '2020-05-01' };
    const ahead = { id: 'c2', anniversary: '2026-05-01' };
    const result = run([seq], [passed, ahead], { start: '2026-03-06T14:00:00Z', days: 90 });
    expect(shown(result)).toEqual([
      '2026-03-06T14:00:00.000Z c1 anniv/0 field-anniversary skipped (date passed)',
      '2026-03-06T14:00:00.000Z c1 anniv/0 tag-anniversary skipped (timer skipped)',
      '2026-05-01T00:00:00.000Z c2 anniv/0 field-anniversary done',
      '2026-05-01T00:00:00.000Z c2 anniv/0 tag-anniversary done',
    ]);
  });

  it('reads the field when the contact reaches the timer, so a value written by an earlier step counts', () => {
    const seq = sequence('set-then-wait', {
      name: 'Set then wait',
      paths: [start().setField('anniversary', '2026-03-20').fieldTimer('anniversary', { occurrence: 'exact', at: '10:00' }).applyTag('Day')],
    });
    const result = run([seq], [{ id: 'c1' }], { start: '2026-03-06T14:00:00Z', days: 30 });
    expect(shown(result)).toEqual([
      '2026-03-06T14:00:00.000Z c1 set-then-wait/0 set-anniversary done',
      '2026-03-20T10:00:00.000Z c1 set-then-wait/0 field-anniversary done',
      '2026-03-20T10:00:00.000Z c1 set-then-wait/0 tag-day done',
    ]);
  });

  it('does not reschedule a waiting field timer when the field changes later', () => {
    const result = run([birthday], [ada], {
      start: '2026-03-06T14:00:00Z', days: 60,
      inputs: [{ at: '2026-03-10T00:00:00Z', contactId: 'c1', fields: { birthday: '1990-03-20' } }],
    });
    expect(shown(result)).toEqual([
      '2026-04-10T09:00:00.000Z c1 bday/0 field-birthday done',
      '2026-04-10T09:00:00.000Z c1 bday/0 email-happy-birthday done',
    ]);
    expect(result.states[0].contact.birthday).toBe('1990-03-20');
  });
});
