/**
 * Time restrictions of delay and date timers: NUDGE003 a `between` window
 * that does not start before it ends, NUDGE017 `on: []` (no day allowed).
 */
import { clockMinutes } from '../time-syntax';
import { eachStep, quote, type SequenceRule } from './context';

export const checkTimeWindows: SequenceRule = ({ ir, report }) => {
  for (const { step, path } of eachStep(ir)) {
    if (step.kind !== 'delay' && step.kind !== 'date') continue;
    const { between, on } = step.params;
    if (Array.isArray(between) && between.length === 2) {
      const [from, to] = between;
      if (clockMinutes(from) >= clockMinutes(to)) {
        const fix = from === to
          ? 'Make the end later than the start.'
          : 'Swap the times; a window cannot cross midnight, so split such a window over two timers.';
        report('NUDGE003', `Timer ${quote(step.id)} has between: ['${from}', '${to}'], an empty window: its start must be before its end on the same day. ${fix}`, { step, path });
      }
    }
    if (Array.isArray(on) && on.length === 0) {
      report('NUDGE017', `Timer ${quote(step.id)} allows no days (on: []), so it never fires and its path stops there. List at least one day, e.g. on: ['mon'], or use 'weekdays' or 'any'.`, { step, path });
    }
  }
};
