/**
 * Date timers: NUDGE019 `until` before the date, NUDGE017 a range with none
 * of the allowed weekdays, NUDGE004 a range wholly in the past.
 *
 * "In the past" must hold for every contact: unless the zone is known (an
 * explicit IANA `tz`, or the account zone when the caller gives it), the
 * last date is compared with today in UTC-12, the last zone to leave a date.
 */
import type { DateParams, StepOf, Weekday } from '../ir';
import { WEEKDAYS } from '../time-syntax';
import { eachStep, quote, type SequenceRule } from './context';
import { isValidZone, todayEverywhere, todayIn } from './zones';

const DAY_MS = 86_400_000;
const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`);
const weekdayOf = (ms: number): Weekday => WEEKDAYS[(new Date(ms).getUTCDay() + 6) % 7];

export const checkDateTimers: SequenceRule = ({ ir, options, report }) => {
  for (const { step, path } of eachStep(ir)) {
    if (step.kind !== 'date') continue;
    const { date, until, on } = step.params;
    const where = { step, path };
    if (until !== undefined && until < date) {
      report('NUDGE019', `Date timer ${quote(step.id)} has until: '${until}' before its date '${date}', so its range is empty. Swap the two dates.`, where);
      continue;
    }
    if (on !== undefined && on !== 'any' && !(Array.isArray(on) && on.length === 0) && !hasAllowedDay(date, until ?? date, on)) {
      report('NUDGE017', `Date timer ${quote(step.id)} waits for ${range(step)}, but none of ${until ? 'those days' : 'that day'} is allowed by on: ${JSON.stringify(on)}, so it never fires. Change the date or the allowed days.`, where);
    }
    const today = judgedToday(step.params.tz, options.accountZone, options.now);
    if (today && (until ?? date) < today.date) {
      report('NUDGE004', `Date timer ${quote(step.id)} waits for ${range(step)}, which has already passed (today is ${today.date} ${today.where}): every contact will skip it and the steps after it on its path. Move the date forward or remove the step.`, where);
    }
  }
};

function range(step: StepOf<'date'>): string {
  return step.params.until ? `${step.params.date} to ${step.params.until}` : step.params.date;
}

function hasAllowedDay(first: string, last: string, on: DateParams['on']): boolean {
  const allowed: readonly Weekday[] = on === 'weekdays' ? WEEKDAYS.slice(0, 5) : Array.isArray(on) ? on : WEEKDAYS;
  // Seven consecutive days cover every weekday, so longer ranges need no more looking.
  for (let t = utcDay(first), n = 0; t <= utcDay(last) && n < 7; t += DAY_MS, n++) {
    if (allowed.includes(weekdayOf(t))) return true;
  }
  return false;
}

function judgedToday(tz: string | undefined, accountZone: string | undefined, now: Date): { date: string; where: string } | undefined {
  if (tz !== undefined && tz !== 'account' && tz !== 'contact') {
    return isValidZone(tz) ? { date: todayIn(tz, now), where: `in ${tz}` } : undefined; // NUDGE015 reports a bad tz
  }
  if (tz !== 'contact' && accountZone !== undefined && isValidZone(accountZone)) {
    return { date: todayIn(accountZone, now), where: `in the account zone ${accountZone}` };
  }
  return { date: todayEverywhere(now), where: 'even in UTC-12, the last zone to leave a date' };
}
