/**
 * RunOptions.sink: a host that only counts steps gets each step run as a
 * call instead of a trace line. It must see exactly what the trace would
 * say, and the dry run's counts must not depend on which way it listens.
 */
import { describe, expect, it } from 'vitest';
import { sequence, start } from 'nudge';
import type { TraceEvent } from '../../runtime/engine/model';
import { runContactInstant, type StepLine, type StepSink } from '../../runtime/engine/run-contact';
import { createWorld } from '../../runtime/engine/world';
import { simulate } from '../../runtime/hosts/dry-run/simulate';
import { USERS, utc } from './helpers';

const drip = sequence('drip', {
  name: 'Drip',
  paths: [
    start().waitUntil('2026-01-01').applyTag('Skipped').delay('1d').email({ subject: 'Hi ~Contact.FirstName|there~', body: 'x' }),
    start().applyTag('Lead').delay('2d', { at: '09:00' }).setField('leadSource', 'Drip').email({ subject: 'Tips', body: 'y' }),
  ],
});
const followUp = sequence('follow', {
  name: 'Follow up',
  startOn: [{ kind: 'tagApplied', tag: 'Lead' }],
  paths: [start().delay('1d').applyTag('Followed')],
});

/** Builds the trace line a sink call stands for, to compare with the engine's own. */
class LineSink implements StepSink {
  lines: TraceEvent[] = [];
  step({ seq, enrollment: e, pathIndex: path, pos: position, step, time, status, reason }: Readonly<StepLine>): void {
    expect(seq.ir.id).toBe(e.sequenceId);
    expect(seq.ir.paths[path].steps[position]).toBe(step);
    const line: TraceEvent = { time, contact: e.contactId, sequence: e.sequenceId, path, step: step.id, kind: step.kind, status, position };
    if (reason !== undefined) line.reason = reason;
    this.lines.push(line);
  }
}

describe('step sink (RunOptions.sink)', () => {
  it('receives every step the trace would list, in the same order, and the trace stays empty', () => {
    const world = createWorld([drip, followUp]);
    const contact = { id: 'c1', email: 'ada@example.com', firstName: 'Ada' };
    let plain = runContactInstant(world, { contact, enrollments: [] }, utc('2026-03-02T10:00:00Z'), { enroll: ['drip'] });
    let sunk = runContactInstant(world, { contact, enrollments: [] }, utc('2026-03-02T10:00:00Z'), { enroll: ['drip'] }, { sink: new LineSink() });
    for (let hop = 0; hop < 4 && plain.nextWakeAt !== null; hop++) {
      const sink = new LineSink();
      const at = plain.nextWakeAt;
      expect(sunk.nextWakeAt).toBe(at);
      expect(sunk.trace).toEqual([]);
      plain = runContactInstant(world, plain.state, at);
      sunk = runContactInstant(world, sunk.state, at, {}, { sink });
      expect(plain.trace.length).toBeGreaterThan(0);
      expect(sink.lines).toEqual(plain.trace);
      expect(sunk.effects).toEqual(plain.effects);
      expect(sunk.state).toEqual(plain.state);
    }
  });

  it('gives the dry run the same per-step counts and step total whether or not it keeps trace lines', () => {
    const contacts = ['America/New_York', 'Asia/Kolkata', 'Mars/Olympus', ''].map((timezone, i) => ({ id: `c${i}`, email: i === 2 ? '' : `c${i}@example.test`, timezone }));
    const input = {
      sequences: [drip, followUp], contacts, users: USERS,
      start: utc('2025-12-30T10:00:00Z'), until: utc('2026-02-01T00:00:00Z'), accountZone: 'UTC',
      inputs: [{ at: utc('2025-12-30T10:00:00Z'), contactId: 'c1', tagsApplied: ['Lead'] }, { at: utc('2026-01-03T12:00:00Z'), contactId: 'c3', enroll: ['follow'] }],
    };
    const counted = simulate(input);
    const traced = simulate(input, { collect: true });
    expect(traced.trace.length).toBeGreaterThan(10);
    expect(counted.steps).toBe(traced.trace.length);
    expect(counted.counts.list()).toEqual(traced.counts.list());
    expect(counted.states).toEqual(traced.states);
    expect(counted.errors).toEqual(traced.errors);
  });
});
