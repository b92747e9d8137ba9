/**
 * NUDGE015: a timer's `tz` is 'account', 'contact' or an IANA zone name.
 */
import { eachStep, quote, type SequenceRule } from './context';
import { isValidZone, suggestZone, ZONE_KEYWORDS } from './zones';

export const checkZones: SequenceRule = ({ ir, report }) => {
  for (const { step, path } of eachStep(ir)) {
    if (step.kind !== 'delay' && step.kind !== 'date' && step.kind !== 'field') continue;
    const tz: unknown = step.params.tz;
    if (tz === undefined || (ZONE_KEYWORDS as readonly unknown[]).includes(tz) || isValidZone(tz)) continue;
    const suggestion = typeof tz === 'string' ? suggestZone(tz) : undefined;
    const fix = suggestion
      ? `Did you mean ${quote(suggestion)}?`
      : "Use 'account', 'contact' or an IANA zone name such as 'America/New_York' or 'Europe/Paris'.";
    report('NUDGE015', `Unknown time zone ${JSON.stringify(tz)} in step ${quote(step.id)} (tz). ${fix}`, { step, path });
  }
};
