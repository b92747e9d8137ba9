import { describe, expect, it } from 'vitest';
import { isSequenceReports, runtimeCounts, runtimeLabel, type SequenceReportView } from '../../../extension/runtime-control/runtime-counts';

const reports: SequenceReportView[] = [
  {
    id: 'lead-welcome', name: 'Lead welcome', version: 2, contacts: { active: 3, completed: 1, stopped: 0, removed: 0 },
    steps: [
      { path: 0, stepId: 'email-welcome', kind: 'email', active: 0, queued: 0, done: 4 },
      { path: 0, stepId: 'wait-2d', kind: 'delay', active: 1, queued: 2, done: 1 },
    ],
  },
  { id: 'empty', name: 'Empty', version: 1, contacts: {}, steps: [] },
];

describe('GET /sequences → canvas counts', () => {
  it('maps active / queued / done per step of each sequence (queued is the canvas\'s "waiting")', () => {
    expect(runtimeCounts(reports, 'Runtime: x')).toEqual({
      source: 'runtime',
      label: 'Runtime: x',
      bySequence: {
        'lead-welcome': { 'email-welcome': { active: 0, waiting: 0, done: 4 }, 'wait-2d': { active: 1, waiting: 2, done: 1 } },
        empty: {},
      },
    });
  });

  it('adds up a step id that appears on two paths instead of hiding one', () => {
    const twice: SequenceReportView[] = [{ ...reports[0], steps: [reports[0].steps[1], { ...reports[0].steps[1], path: 1 }] }];
    expect(runtimeCounts(twice, 'l').bySequence['lead-welcome']['wait-2d']).toEqual({ active: 2, waiting: 4, done: 2 });
  });

  it('labels with the contacts in flight, the port and the clock', () => {
    expect(runtimeLabel(reports, 4400, 'wall 14:05')).toBe('Runtime: 3 contacts in flight · :4400 · wall 14:05');
    expect(runtimeLabel([], 4400)).toBe('Runtime: 0 contacts in flight · :4400');
  });

  it('checks the shape of what the network gave', () => {
    expect(isSequenceReports(reports)).toBe(true);
    expect(isSequenceReports({})).toBe(false);
    expect(isSequenceReports([{ id: 'a', version: 1, steps: [{ stepId: 's', active: '1', queued: 0, done: 0 }] }])).toBe(false);
    expect(isSequenceReports([null])).toBe(false);
  });
});
