/**
 * SEMANTICS §2.3 `repeat: 'yearly'`: the path comes back to its field timer
 * after running the rest, and never ends on its own.
 */
import { describe, expect, it } from 'vitest';
import { apiGoal, sequence, start } from 'nudge';
import { emails, enrollments, iso, run, shown } from './helpers';

const birthday = sequence('birthday', {
  name: 'Birthday',
  stopOn: apiGoal('unsubscribed'),
  paths: [
    start()
      .applyTag('Birthday-club')
      .fieldTimer('birthday', { at: '09:00', repeat: 'yearly' })
      .email({ subject: 'Happy birthday ~Contact.FirstName~', body: 'Have a great day' })
      .applyNote({ subject: 'Birthday email sent' }),
  ],
});

const ada = { id: 'c1', email: 'ada@example.com', firstName: 'Ada', birthday: '1990-04-10' };
const THREE_YEARS = 3 * 365 + 1; // 2026-03-01 → 2029-03-01

describe("yearly field timer (SEMANTICS §2.3 repeat: 'yearly')", () => {
  it('comes back to the timer after the rest of the path and fires every year', () => {
    const result = run([birthday], [ada], { start: '2026-03-01T00:00:00Z', days: THREE_YEARS });
    expect(shown(result)).toEqual([
      '2026-03-01T00:00:00.000Z c1 birthday/0 tag-birthday-club done',
      '2026-04-10T09:00:00.000Z c1 birthday/0 field-birthday done',
      '2026-04-10T09:00:00.000Z c1 birthday/0 email-happy-birthday done',
      '2026-04-10T09:00:00.000Z c1 birthday/0 note-birthday-email-sent done',
      '2027-04-10T09:00:00.000Z c1 birthday/0 field-birthday done',
      '2027-04-10T09:00:00.000Z c1 birthday/0 email-happy-birthday done',
      '2027-04-10T09:00:00.000Z c1 birthday/0 note-birthday-email-sent done',
      '2028-04-10T09:00:00.000Z c1 birthday/0 field-birthday done',
      '2028-04-10T09:00:00.000Z c1 birthday/0 email-happy-birthday done',
      '2028-04-10T09:00:00.000Z c1 birthday/0 note-birthday-email-sent done',
    ]);
  });

  it('sends the email three times in three years, each with its own idempotency key', () => {
    const result = run([birthday], [ada], { start: '2026-03-01T00:00:00Z', days: THREE_YEARS });
    const sent = emails(result.effects);
    expect(sent.map((e) => iso(e.at))).toEqual(['2026-04-10T09:00:00.000Z', '2027-04-10T09:00:00.000Z', '2028-04-10T09:00:00.000Z']);
    expect(sent.map((e) => e.subject)).toEqual(Array(3).fill('Happy birthday Ada'));
    const keys = sent.map((e) => e.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^birthday:v1:c1:email-happy-birthday:/);
    // The notes made on each pass are distinct records too.
    const noteIds = result.effects.filter((e) => e.type === 'note').map((e) => (e as { id: string }).id);
    expect(new Set(noteIds).size).toBe(3);
  });

  it('never ends on its own: the contact stays active, waiting for next year', () => {
    const result = run([birthday], [ada], { start: '2026-03-01T00:00:00Z', days: THREE_YEARS });
    const [e] = enrollments(result, 'c1', 'birthday');
    expect(e.status).toBe('active');
    expect(e.leftAt).toBeUndefined();
    expect(e.paths[0]).toMatchObject({ status: 'waiting', stepId: 'field-birthday', occurrence: 3 });
    expect(iso(e.paths[0].wakeAt!)).toBe('2029-04-10T09:00:00.000Z');
    // The steps before the timer ran once only.
    expect(result.trace.filter((l) => l.step === 'tag-birthday-club')).toHaveLength(1);
  });

  it('is ended by a stop goal', () => {
    const result = run([birthday], [ada], {
      start: '2026-03-01T00:00:00Z', days: THREE_YEARS,
      inputs: [{ at: '2027-06-01T12:00:00Z', contactId: 'c1', goals: [{ kind: 'apiGoal', name: 'unsubscribed' }] }],
    });
    expect(emails(result.effects).map((e) => iso(e.at))).toEqual(['2026-04-10T09:00:00.000Z', '2027-04-10T09:00:00.000Z']);
    const [e] = enrollments(result, 'c1', 'birthday');
    expect(e.status).toBe('stopped');
    expect(iso(e.leftAt!)).toBe('2027-06-01T12:00:00.000Z');
  });

  it('is ended by removal from the sequence', () => {
    const result = run([birthday], [ada], {
      start: '2026-03-01T00:00:00Z', days: THREE_YEARS,
      inputs: [{ at: '2026-05-01T00:00:00Z', contactId: 'c1', remove: ['birthday'] }],
    });
    expect(emails(result.effects)).toHaveLength(1);
    const [e] = enrollments(result, 'c1', 'birthday');
    expect(e.status).toBe('removed');
    expect(iso(e.leftAt!)).toBe('2026-05-01T00:00:00.000Z');
  });

  it('reads the field again on each return, and waits for its next occurrence after the one that fired', () => {
    const result = run([birthday], [ada], {
      start: '2026-03-01T00:00:00Z', days: 2 * 365,
      inputs: [{ at: '2026-03-10T00:00:00Z', contactId: 'c1', fields: { birthday: '1990-05-01' } }],
    });
    // Already waiting (the field was read on 2026-03-01), so 10 April is kept; back at the
    // timer the new value is read, and its next occurrence after 10 April 2026 is 1 May 2026.
    expect(result.trace.filter((l) => l.step === 'field-birthday').map((l) => iso(l.time))).toEqual([
      '2026-04-10T09:00:00.000Z',
      '2026-05-01T09:00:00.000Z',
      '2027-05-01T09:00:00.000Z',
    ]);
  });

  it('ends the path when the field is emptied before the next return', () => {
    const seq = sequence('yearly', {
      name: 'Yearly',
      paths: [start().fieldTimer('birthday', { repeat: 'yearly' }).setField('birthday', null).applyTag('Greeted')],
    });
    const result = run([seq], [ada], { start: '2026-03-01T00:00:00Z', days: 2 * 365 });
    expect(shown(result)).toEqual([
      '2026-04-10T00:00:00.000Z c1 yearly/0 field-birthday done',
      '2026-04-10T00:00:00.000Z c1 yearly/0 set-birthday done',
      '2026-04-10T00:00:00.000Z c1 yearly/0 tag-greeted done',
      '2026-04-10T00:00:00.000Z c1 yearly/0 field-birthday skipped (field empty)',
      '2026-04-10T00:00:00.000Z c1 yearly/0 set-birthday skipped (timer skipped)',
      '2026-04-10T00:00:00.000Z c1 yearly/0 tag-greeted skipped (timer skipped)',
    ]);
    expect(enrollments(result, 'c1', 'yearly')[0].status).toBe('completed');
  });
});
