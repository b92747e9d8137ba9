/**
 * The option objects authors pass to the builder methods. Their types are
 * the first line of checking: a misspelt weekday, `'9:00'` or `'2 days'`
 * is a red squiggle before anything runs. Lists and tuples are `readonly`
 * so options shared `as const` are accepted as they are.
 */
import type { PaymentMode, Weekday } from './ir';
import type { ClockTime, DateText, OffsetText } from './time-syntax';

/** Common to every step: an explicit stable id and a canvas label. */
export interface StepMeta {
  /** Stable id of the step; progress of contacts is keyed by it. Derived from the step when omitted. */
  id?: string;
  /** Text shown on the canvas instead of the generated description. */
  label?: string;
}

/** Which zone calendar rules use: the account's (default), the contact's, or an IANA name. */
export type ZoneOption = 'account' | 'contact' | (string & {});

/** Which days a timer may fire on. */
export type DaysOption = 'any' | 'weekdays' | readonly Weekday[];

/** At most one of `at` (an exact local time) and `between` (a window `[start, end)`). */
export type TimeOfDayOption =
  | { at?: ClockTime; between?: never }
  | { between?: readonly [ClockTime, ClockTime]; at?: never };

/*
 * The timer options are named interfaces, not intersections, so that a
 * mistake reads "not assignable to type 'DelayWindowOptions'" in one short
 * error rather than every member of every arm spelt out.
 */
interface TimerDayOptions extends StepMeta {
  /** Days the timer may fire on: `'any'` (default), `'weekdays'`, or `['mon', 'wed']`. */
  on?: DaysOption;
  tz?: ZoneOption;
}

/** A timer that fires at an exact local time (or as soon as allowed). */
export interface DelayAtOptions extends TimerDayOptions {
  at?: ClockTime;
  between?: never;
}

/** A timer that fires inside a window of the day, `[start, end)`. */
export interface DelayWindowOptions extends TimerDayOptions {
  between?: readonly [ClockTime, ClockTime];
  at?: never;
}

export type DelayOptions = DelayAtOptions | DelayWindowOptions;

interface DateRangeOption {
  /** Last date of a date range (inclusive), `'YYYY-MM-DD'`. */
  until?: DateText;
}
export interface WaitUntilAtOptions extends DelayAtOptions, DateRangeOption {}
export interface WaitUntilWindowOptions extends DelayWindowOptions, DateRangeOption {}
export type WaitUntilOptions = WaitUntilAtOptions | WaitUntilWindowOptions;

export interface FieldTimerOptions extends StepMeta {
  /** `'-1h'` (an hour before, elapsed time), `'-3d'` (3 days before), `'2w'`, `'1mo'` (calendar months, clamped to month end). */
  offset?: OffsetText;
  /** `'next'` (default): next anniversary of month and day. `'exact'`: the full date, year included. */
  occurrence?: 'next' | 'exact';
  at?: ClockTime;
  tz?: ZoneOption;
  /** Come back to this timer after the path has run, every year. */
  repeat?: 'yearly';
}

export interface EmailOptions extends StepMeta {
  subject: string;
  /** Plain text or HTML; merge fields like `~Contact.FirstName|there~` are filled in. */
  body: string;
  from?: string;
  /** `'contact'` (default), `'owner'`, or staff addresses for a notification. */
  to?: 'contact' | 'owner' | string | readonly string[];
  /**
   * `'marketing'` (the default for emails to the contact): sent only to a
   * marketable address, otherwise skipped ('not marketable: unsubscribed').
   * `'transactional'` (the default for the owner and fixed addresses): sent
   * whatever the status, for receipts and notices the person asked for.
   */
  category?: 'marketing' | 'transactional';
}

export interface FaxOptions extends StepMeta {
  subject?: string;
  body: string;
}

export interface LetterOptions extends StepMeta {
  subject?: string;
  body: string;
}

export interface NoteOptions extends StepMeta {
  subject: string;
  body?: string;
  /** Keap's action type: `'Call'`, `'Email'`, `'Appointment'`, `'Other'`... */
  type?: string;
}

export interface TaskOptions extends StepMeta {
  title: string;
  description?: string;
  /** `'owner'` (default: the contact's owner) or a user id. */
  assignTo?: 'owner' | (string & {});
  /** Due this long after the task is created, e.g. `'1d'`. Default `'0m'` (due now). */
  due?: `${number}${'m' | 'h' | 'd' | 'w'}`;
  priority?: 'low' | 'medium' | 'high';
}

export interface AppointmentOptions extends StepMeta {
  title: string;
  description?: string;
  assignTo?: 'owner' | (string & {});
  /** How long after the step the appointment starts, e.g. `'2d'`. Default `'1d'`. */
  in?: `${number}${'m' | 'h' | 'd' | 'w'}`;
  /** Local start time of day (account zone). */
  at?: ClockTime;
  /** Length of the appointment. Default `'30m'`. */
  length?: `${number}${'m' | 'h'}`;
  location?: string;
}

export interface OpportunityOptions extends StepMeta {
  title: string;
  /** Pipeline stage the opportunity starts in, e.g. `'New Lead'`. */
  stage: string;
  assignTo?: 'owner' | (string & {});
  products?: readonly string[];
  projectedRevenue?: number;
  notes?: string;
}

export interface OrderOptions extends StepMeta {
  items: ReadonlyArray<{ product: string; quantity?: number; price?: number }>;
  /** `'autocharge'` the card on file, a `'payableInvoice'`, or an `'invoiceNoPayment'`. */
  payment: PaymentMode;
  promoCode?: string;
}

export interface HttpPostOptions extends StepMeta {
  /** An http(s) URL on port 80 or 443. */
  url: string;
  /** Name/value pairs; values may hold merge fields. */
  fields: Record<string, string>;
  /** `'form'` (default, `application/x-www-form-urlencoded`) or `'json'`. */
  format?: 'form' | 'json';
}
