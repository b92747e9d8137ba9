/**
 * Labels of the three timers, in the words of Keap's canvas:
 * `Wait 2 days → weekdays at 09:00 (contact's zone)`,
 * `Wait until 2026-12-24`, `3 days before Birthday, at 09:00, every year`.
 */
import type { DateParams, DayRule, DelayParams, Duration, FieldTimerParams, Offset, TimeRestriction, ZoneRule } from '../ir';
import { humanField, plural } from './text';

const UNIT_WORDS: Record<Duration['unit'] | Offset['unit'], string> = {
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
};

const DAY_NAMES: Record<string, string> = {
  mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun',
};

/** `2 days`, `90 minutes`, `1 week`. */
export function durationWords(d: Duration | Offset): string {
  return plural(Math.abs(d.amount), UNIT_WORDS[d.unit]);
}

/** `''` for any day, `weekdays`, or `Mon, Wed`. */
function daysWords(on: DayRule | undefined): string {
  if (on === undefined || on === 'any') return '';
  if (on === 'weekdays') return 'weekdays';
  return on.map((d) => DAY_NAMES[d] ?? d).join(', ');
}

/** `''` for the account zone (the default, so the canvas stays quiet), else `(contact's zone)` or `(Europe/Paris)`. */
export function zoneWords(tz: ZoneRule | undefined): string {
  if (tz === undefined || tz === 'account') return '';
  return tz === 'contact' ? "(contact's zone)" : `(${tz})`;
}

/** The allowed slot: `weekdays at 09:00`, `between 09:00–17:00`, `Mon, Wed`; `''` when unrestricted. */
export function slotWords(r: Pick<TimeRestriction, 'on' | 'at' | 'between'>): string {
  const time = r.at !== undefined
    ? `at ${r.at}`
    : r.between !== undefined ? `between ${r.between[0]}–${r.between[1]}` : '';
  return [daysWords(r.on), time].filter((s) => s !== '').join(' ');
}

const withZone = (text: string, tz: ZoneRule | undefined) => [text, zoneWords(tz)].filter((s) => s !== '').join(' ');

/**
 * `Wait 2 days → weekdays at 09:00 (contact's zone)`; a zero wait with a slot
 * is Keap's "wait for business hours": `Wait for weekdays between 09:00–17:00`.
 */
export function delayLabel(p: DelayParams): string {
  const slot = slotWords(p);
  if (slot === '') return withZone(`Wait ${durationWords(p.duration)}`, p.tz);
  if (p.duration.amount === 0) return withZone(`Wait for ${slot}`, p.tz);
  return withZone(`Wait ${durationWords(p.duration)} → ${slot}`, p.tz);
}

/** `Wait until 2026-12-24`, `Wait until 2026-11-27 to 2026-11-30, at 08:00 (contact's zone)`. */
export function dateLabel(p: DateParams): string {
  const dates = p.until !== undefined && p.until !== p.date ? `${p.date} to ${p.until}` : p.date;
  const slot = slotWords(p);
  return withZone(`Wait until ${dates}${slot ? `, ${slot}` : ''}`, p.tz);
}

/**
 * `3 days before Birthday, at 09:00, every year`; `On Renewal date (year from
 * field)`: the second form is Keap's "Use Year from Field".
 */
export function fieldTimerLabel(p: FieldTimerParams): string {
  const field = humanField(p.field);
  const offset = p.offset;
  let when: string;
  if (offset === undefined || offset.amount === 0) when = `On ${field}`;
  else when = `${durationWords(offset)} ${offset.amount < 0 ? 'before' : 'after'} ${field}`;
  if (p.occurrence === 'exact') when += ' (year from field)';
  const parts = [when];
  if (p.at !== undefined) parts.push(withZone(`at ${p.at}`, p.tz));
  else if (zoneWords(p.tz) !== '') parts[0] = withZone(when, p.tz);
  if (p.repeat === 'yearly') parts.push('every year');
  return parts.join(', ');
}
