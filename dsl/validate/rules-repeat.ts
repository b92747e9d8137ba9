/**
 * `repeat`: NUDGE006 on a delay or date timer (only field timers repeat) or
 * with a value other than 'yearly'; NUDGE022 yearly with occurrence 'exact'.
 */
import { eachStep, quote, type SequenceRule } from './context';

export const checkRepeat: SequenceRule = ({ ir, report }) => {
  for (const { step, path } of eachStep(ir)) {
    const where = { step, path };
    if (step.kind === 'delay' || step.kind === 'date') {
      if (step.params.repeat !== undefined) {
        const kind = step.kind === 'delay' ? 'delay timer' : 'date timer';
        report('NUDGE006', `Step ${quote(step.id)} is a ${kind} with repeat: ${JSON.stringify(step.params.repeat)}, but only field timers repeat. Remove 'repeat', or wait on a date field with fieldTimer('birthday', { repeat: 'yearly' }).`, where);
      }
    } else if (step.kind === 'field') {
      const { repeat, occurrence } = step.params;
      if (repeat !== undefined && repeat !== 'yearly') {
        report('NUDGE006', `Field timer ${quote(step.id)} has repeat: ${JSON.stringify(repeat)}: the only repeat is 'yearly'. Use repeat: 'yearly' or remove it.`, where);
      } else if (repeat === 'yearly' && occurrence === 'exact') {
        report('NUDGE022', `Field timer ${quote(step.id)} repeats yearly but uses occurrence: 'exact' (the year from the field), which happens only once. Use occurrence: 'next' to wait for every anniversary, or remove repeat.`, where);
      }
    }
  }
};
