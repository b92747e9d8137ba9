/**
 * SEMANTICS §1: start paths, leaving a sequence, canvas notes, progress by step id.
 */
import { describe, expect, it } from 'vitest';
import { note, sequence, start } from 'nudge';
import { runContactInstant, type ContactState } from '../../runtime/engine/run-contact';
import { createWorld } from '../../runtime/engine/world';
import { effectsOf, enrollments, iso, run, shown, utc } from './helpers';

const onboarding = (withNotes: boolean) => sequence('onboard', {
  name: 'Onboarding',
  notes: withNotes ? [note('For new customers'), note('Owner: Ann')] : [],
  paths: [
    start('Customer').email({ subject: 'Welcome', body: 'Hi ~Contact.FirstName|there~' }).delay('1d').applyTag('Day1'),
    start('Staff').applyNote({ subject: 'Entered onboarding', id: 'staff-note' }).delay('3d', { id: 'staff-wait' }).applyTag('Day3', { id: 'staff-tag' }),
  ],
});

const ada = { id: 'c1', email: 'ada@example.com', firstName: 'Ada' };

describe('start paths (SEMANTICS §1)', () => {
  it('begins every start path at the instant the contact enters, and runs them independently', () => {
    const result = run([onboarding(false)], [ada], { start: '2026-03-02T10:00:00Z', days: 10 });
    expect(shown(result)).toEqual([
      '2026-03-02T10:00:00.000Z c1 onboard/0 email-welcome done',
      '2026-03-02T10:00:00.000Z c1 onboard/1 staff-note done',
      '2026-03-03T10:00:00.000Z c1 onboard/0 wait-1d done',
      '2026-03-03T10:00:00.000Z c1 onboard/0 tag-day1 done',
      '2026-03-05T10:00:00.000Z c1 onboard/1 staff-wait done',
      '2026-03-05T10:00:00.000Z c1 onboard/1 staff-tag done',
    ]);
  });

  it('keeps the contact in the sequence until every path has ended', () => {
    const result = run([onboarding(false)], [ada], { start: '2026-03-02T10:00:00Z', days: 2 });
    const [e] = enrollments(result, 'c1', 'onboard');
    expect(e.status).toBe('active');
    expect(e.leftAt).toBeUndefined();
    expect(e.paths.map((p) => p.status)).toEqual(['ended', 'waiting']);
    expect(iso(e.paths[1].wakeAt!)).toBe('2026-03-05T10:00:00.000Z');
  });

  it("marks the enrollment 'completed' with leftAt when the last path ends", () => {
    const result = run([onboarding(false)], [ada], { start: '2026-03-02T10:00:00Z', days: 10 });
    const [e] = enrollments(result, 'c1', 'onboard');
    expect(e).toMatchObject({ status: 'completed', entry: 1, enteredAt: utc('2026-03-02T10:00:00Z') });
    expect(iso(e.leftAt!)).toBe('2026-03-05T10:00:00.000Z');
    expect(e.paths.every((p) => p.status === 'ended')).toBe(true);
  });

  it('completes at the entry instant a sequence whose paths have no timer', () => {
    const seq = sequence('instant', { name: 'Instant', paths: [start().applyTag('A'), start().applyTag('B', { id: 'tag-b' })] });
    const result = run([seq], [ada], { start: '2026-03-02T10:00:00Z', days: 1 });
    const [e] = enrollments(result, 'c1', 'instant');
    expect(e.status).toBe('completed');
    expect(iso(e.leftAt!)).toBe('2026-03-02T10:00:00.000Z');
    expect(result.states[0].contact.tags).toEqual(['A', 'B']);
  });

  it('gives canvas notes no run-time effect: same trace, effects and state with or without them', () => {
    const withNotes = run([onboarding(true)], [ada], { start: '2026-03-02T10:00:00Z', days: 10 });
    const without = run([onboarding(false)], [ada], { start: '2026-03-02T10:00:00Z', days: 10 });
    expect(onboarding(true).notes).toHaveLength(2);
    expect(withNotes.trace).toEqual(without.trace);
    expect(withNotes.effects).toEqual(without.effects);
    expect(withNotes.states).toEqual(without.states);
    expect(effectsOf(withNotes.effects, 'note').map((n) => n.subject)).toEqual(['Entered onboarding']);
  });
});

describe('progress is keyed by step id (SEMANTICS §1)', () => {
  it('records the step id the contact waits on in each path', () => {
    const result = run([onboarding(false)], [ada], { start: '2026-03-02T10:00:00Z', days: 2 });
    const [e] = enrollments(result, 'c1', 'onboard');
    expect(e.paths.map((p) => p.stepId)).toEqual([null, 'staff-wait']);
    expect(result.counts.list().find((r) => r.step === 'staff-wait')).toMatchObject({ waiting: 1, reached: 1, done: 0 });
  });

  it('continues from the same step after an unrelated step is inserted before it in a new version', () => {
    const v1 = sequence('welcome', {
      name: 'Welcome',
      paths: [start().email({ subject: 'Hello', body: 'Hi' }).delay('2d').email({ subject: 'Tips', body: 'Tips' })],
    });
    const v2 = sequence('welcome', {
      name: 'Welcome',
      paths: [start().email({ subject: 'Hello', body: 'Hi' }).applyTag('New').delay('2d').email({ subject: 'Tips', body: 'Tips' })],
    });
    const t0 = utc('2026-03-02T10:00:00Z');
    const first = runContactInstant(createWorld([v1]), { contact: ada, enrollments: [] }, t0, { enroll: ['welcome'] });
    expect(first.state.enrollments[0].paths[0]).toMatchObject({ stepId: 'wait-2d', status: 'waiting' });

    const later = runContactInstant(createWorld([v2], { versions: { welcome: 2 } }), first.state, first.nextWakeAt!);
    expect(later.trace.map((l) => `${iso(l.time)} ${l.step} ${l.status}`)).toEqual([
      '2026-03-04T10:00:00.000Z wait-2d done',
      '2026-03-04T10:00:00.000Z email-tips done',
    ]);
    expect(later.state.contact.tags ?? []).not.toContain('New');
    expect(later.effects.map((e) => e.stepId)).toEqual(['email-tips']);
  });

  it('keeps a contact waiting on a timer whose id is unchanged when steps before it are removed', () => {
    const v1 = sequence('s', { name: 'S', paths: [start().applyTag('A').applyTag('B').delay('1d', { id: 'pause' }).applyTag('C')] });
    const v2 = sequence('s', { name: 'S', paths: [start().delay('1d', { id: 'pause' }).applyTag('C')] });
    const t0 = utc('2026-03-02T10:00:00Z');
    const first = runContactInstant(createWorld([v1]), { contact: { id: 'c1' }, enrollments: [] }, t0, { enroll: ['s'] });
    const state: ContactState = first.state;
    const mid = runContactInstant(createWorld([v2]), state, t0 + 3_600_000);
    expect(mid.trace).toEqual([]);
    expect(mid.nextWakeAt).toBe(t0 + 86_400_000);
    const end = runContactInstant(createWorld([v2]), mid.state, t0 + 86_400_000);
    expect(end.trace.map((l) => `${l.step} ${l.status}`)).toEqual(['pause done', 'tag-c done']);
    expect(end.state.contact.tags).toEqual(['A', 'B', 'C']);
  });
});
