/**
 * SEMANTICS §5: what goals did is part of the dry run's output, as lines of
 * kind `goal` (entered / stopped / not enrolled, with the goal and a reason),
 * in the result and in the human timeline; step lines keep their shape.
 */
import { describe, expect, it } from 'vitest';
import { sequence, start, tagApplied } from 'nudge';
import { humanReport } from '../../runtime/hosts/dry-run/report';
import { run, shown } from './helpers';

const T = '2026-03-02T15:00:00.000Z';
const U = '2026-03-03T15:00:00.000Z';
const AGAIN = '2026-03-04T15:00:00.000Z';
const CHURN = '2026-03-05T15:00:00.000Z';
const LATER = '2026-03-06T15:00:00.000Z';

const onboard = sequence('onboard', {
  name: 'Onboarding',
  startOn: tagApplied('Customer'),
  stopOn: tagApplied('Churned'),
  reentry: 'never',
  paths: [start().delay('1d').applyTag('Onboarded').delay('1w').applyTag('Done')],
});

const contacts = [{ id: 'c1', email: 'a@example.com' }];
const scenario = () => run([onboard], contacts, {
  start: '2026-03-02T00:00:00Z', days: 20, enrollAll: false,
  inputs: [
    { at: T, contactId: 'c1', tagsApplied: ['Customer'] },
    { at: AGAIN, contactId: 'c1', goals: [{ kind: 'tagApplied', tag: 'Customer' }] },
    { at: CHURN, contactId: 'c1', tagsApplied: ['Churned'] },
    { at: LATER, contactId: 'c1', goals: [{ kind: 'tagApplied', tag: 'Customer' }] },
  ],
});

describe('goal lines (SEMANTICS §5)', () => {
  it('a startOn goal entering the contact, a stop goal removing it, and a goal that could not enrol it', () => {
    const result = scenario();
    expect(result.goals.map((g) => ({ ...g, time: new Date(g.time).toISOString() }))).toEqual([
      { time: T, contact: 'c1', sequence: 'onboard', goal: 'entered', cause: 'tag "Customer" applied' },
      { time: AGAIN, contact: 'c1', sequence: 'onboard', goal: 'not enrolled', cause: 'tag "Customer" applied', reason: 'already in the sequence' },
      { time: CHURN, contact: 'c1', sequence: 'onboard', goal: 'stopped', cause: 'tag "Churned" applied' },
      { time: LATER, contact: 'c1', sequence: 'onboard', goal: 'not enrolled', cause: 'tag "Customer" applied', reason: "entered before and reentry is 'never'" },
    ]);
    // Step lines keep their shape: the stop goal ended the path during its second delay.
    expect(shown(result)).toEqual([`${U} c1 onboard/0 wait-1d done`, `${U} c1 onboard/0 tag-onboarded done`]);
  });

  it('show in the human timeline as goal rows, before the steps of the same instant', () => {
    const result = scenario();
    const text = humanReport(result, { title: 'Dry run', accountZone: 'UTC', contacts, start: Date.parse('2026-03-02T00:00:00Z'), until: Date.parse('2026-03-22T00:00:00Z') });
    const rows = text.split('\n').filter((l) => l.startsWith('  2026-'));
    expect(rows.map((r) => r.trim().split(/\s{2,}/))).toEqual([
      ['2026-03-02 15:00 UTC', 'onboard', 'goal', 'entered (tag "Customer" applied)'],
      ['2026-03-03 15:00 UTC', 'onboard', 'path 0', 'wait-1d', 'delay', 'done'],
      ['2026-03-03 15:00 UTC', 'onboard', 'path 0', 'tag-onboarded', 'applyTag', 'done'],
      ['2026-03-04 15:00 UTC', 'onboard', 'goal', 'not enrolled (tag "Customer" applied: already in the sequence)'],
      ['2026-03-05 15:00 UTC', 'onboard', 'goal', 'stopped (tag "Churned" applied)'],
      ['2026-03-06 15:00 UTC', 'onboard', 'goal', `not enrolled (tag "Customer" applied: entered before and reentry is 'never')`],
    ]);
  });
});
