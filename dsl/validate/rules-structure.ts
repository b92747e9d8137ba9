/**
 * The shape of a sequence: NUDGE010 no start path, NUDGE020 an empty path,
 * NUDGE005 a path ending in a timer, NUDGE011 no start goal, NUDGE023 stop
 * goals that `runsUntilComplete` makes ineffective.
 */
import { stepGroup } from '../ir';
import { pathName, quote, type SequenceRule } from './context';

export const checkStructure: SequenceRule = ({ ir, report }) => {
  const paths = ir.paths ?? [];
  if (paths.length === 0) {
    report('NUDGE010', `Sequence ${quote(ir.id)} has no start path, so it does nothing: add one, e.g. paths: [start().email({ subject: '...', body: '...' })].`);
  }
  for (const path of paths) {
    const steps = path.steps ?? [];
    const last = steps[steps.length - 1];
    if (!last) {
      report('NUDGE020', `${capital(pathName(path))} of sequence ${quote(ir.id)} has no steps: add steps after start(), or remove the path.`, { path });
    } else if (stepGroup(last.kind) === 'timer') {
      report('NUDGE005', `${capital(pathName(path))} ends with timer ${quote(last.id)}: nothing follows the wait, so it has no effect. Add the steps that should run after it, or remove the timer.`, { step: last, path });
    }
  }
  if ((ir.startOn ?? []).length === 0) {
    report('NUDGE011', `Sequence ${quote(ir.id)} has no start goal, so only the API can enroll contacts. Add one, e.g. startOn: tagApplied('Lead') or formSubmitted('signup'); ignore this warning if you enroll through the API on purpose.`);
  }
  if (ir.runsUntilComplete && (ir.stopOn ?? []).length > 0) {
    report('NUDGE023', `Sequence ${quote(ir.id)} has stopOn goals but runsUntilComplete: true, so they never remove anyone. Remove the stopOn goals, or set runsUntilComplete: false so that they stop the sequence.`);
  }
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
