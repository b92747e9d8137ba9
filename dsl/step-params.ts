/**
 * Turns the author's option objects into IR parameters: parses the textual
 * forms, fills defaults, and keeps only data (no functions, no undefined).
 * Malformed text throws a DslError; semantic mistakes (a window that ends
 * before it starts) are left for the validator, which reports them with a
 * code and the step's position.
 */
import type {
  AppointmentParams, DateParams, DelayParams, EmailParams, FieldTimerParams, HttpPostParams,
  OpportunityParams, OrderParams, TaskParams, TimeRestriction, Weekday,
} from './ir';
import type {
  AppointmentOptions, DelayOptions, EmailOptions, FieldTimerOptions, HttpPostOptions,
  OpportunityOptions, OrderOptions, TaskOptions, WaitUntilOptions,
} from './step-options';
import { assertClockTime, assertDate, parseDuration, parseOffset, WEEKDAYS } from './time-syntax';
import { DslError } from './errors';

/** Drops undefined members so the IR is the same before and after JSON. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function restriction(opts: DelayOptions & { repeat?: unknown }): TimeRestriction {
  const { on, at, between, tz } = opts;
  if (at !== undefined && between !== undefined) {
    throw new DslError(`A timer takes 'at' or 'between', not both: remove one of at: '${at}' and between: [...].`);
  }
  if (at !== undefined) assertClockTime(at, "'at' time");
  if (between !== undefined) {
    if (!Array.isArray(between) || between.length !== 2) {
      throw new DslError(`'between' takes two times, e.g. between: ['09:00', '17:00'].`);
    }
    assertClockTime(between[0], "'between' start");
    assertClockTime(between[1], "'between' end");
  }
  if (on !== undefined && on !== 'any' && on !== 'weekdays') {
    const days = Array.isArray(on) ? on : [on];
    for (const d of days) {
      if (!WEEKDAYS.includes(d as Weekday)) {
        throw new DslError(`Unknown weekday ${JSON.stringify(d)} in 'on': use ${WEEKDAYS.join(', ')}, 'weekdays' or 'any'.`);
      }
    }
  }
  // Kept as written (even on a delay or date timer, even a wrong value) so the validator can name the mistake.
  const repeat = opts.repeat as 'yearly' | undefined;
  return compact({
    // A single weekday written as a string is a list of one day.
    on: Array.isArray(on) ? [...on] : on === undefined || on === 'any' || on === 'weekdays' ? on : [on as unknown as Weekday],
    at,
    between: between ? [between[0], between[1]] as [string, string] : undefined,
    tz,
    repeat,
  });
}

export function delayParams(duration: string, opts: DelayOptions = {}): DelayParams {
  return { duration: parseDuration(duration), ...restriction(opts) };
}

export function dateParams(date: string, opts: WaitUntilOptions = {}): DateParams {
  assertDate(date, 'date');
  if (opts.until !== undefined) assertDate(opts.until, "'until' date");
  return compact({ date, until: opts.until, ...restriction(opts) });
}

export function fieldTimerParams(field: string, opts: FieldTimerOptions = {}): FieldTimerParams {
  if (opts.at !== undefined) assertClockTime(opts.at, "'at' time");
  const occurrence = opts.occurrence ?? 'next';
  if (occurrence !== 'next' && occurrence !== 'exact') {
    throw new DslError(`'occurrence' is 'next' (next anniversary) or 'exact' (use the year from the field), not ${JSON.stringify(occurrence)}.`);
  }
  return compact({
    field,
    offset: opts.offset !== undefined ? parseOffset(opts.offset) : undefined,
    occurrence,
    at: opts.at,
    tz: opts.tz,
    repeat: opts.repeat,
  });
}

export function emailParams(opts: EmailOptions): EmailParams {
  const to = opts.to ?? 'contact';
  return compact({
    subject: opts.subject ?? '',
    body: opts.body ?? '',
    from: opts.from,
    to: to === 'contact' || to === 'owner' ? to : Array.isArray(to) ? [...to] : [to],
    category: opts.category,
  });
}

function required(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DslError(`${what} must be a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function taskParams(opts: TaskOptions): TaskParams {
  return compact({
    title: required(opts.title, 'createTask title'),
    description: opts.description,
    assignTo: opts.assignTo ?? 'owner',
    due: parseDuration(opts.due ?? '0m', "task 'due'"),
    priority: opts.priority,
  });
}

export function appointmentParams(opts: AppointmentOptions): AppointmentParams {
  if (opts.at !== undefined) assertClockTime(opts.at, "appointment 'at' time");
  return compact({
    title: required(opts.title, 'createAppointment title'),
    description: opts.description,
    assignTo: opts.assignTo ?? 'owner',
    in: parseDuration(opts.in ?? '1d', "appointment 'in'"),
    at: opts.at,
    length: parseDuration(opts.length ?? '30m', "appointment 'length'"),
    location: opts.location,
  });
}

export function opportunityParams(opts: OpportunityOptions): OpportunityParams {
  return compact({
    title: required(opts.title, 'createOpportunity title'),
    stage: required(opts.stage, 'createOpportunity stage'),
    assignTo: opts.assignTo ?? 'owner',
    products: opts.products ? [...opts.products] : undefined,
    projectedRevenue: opts.projectedRevenue,
    notes: opts.notes,
  });
}

export function orderParams(opts: OrderOptions): OrderParams {
  if (!Array.isArray(opts.items) || opts.items.length === 0) {
    throw new DslError(`An order needs at least one item, e.g. items: [{ product: 'starter-kit', quantity: 1 }].`);
  }
  const modes = ['autocharge', 'payableInvoice', 'invoiceNoPayment'];
  if (!modes.includes(opts.payment)) {
    throw new DslError(`Order 'payment' is one of ${modes.join(', ')}, not ${JSON.stringify(opts.payment)}.`);
  }
  return compact({
    items: opts.items.map((i) => compact({ product: i.product, quantity: i.quantity ?? 1, price: i.price })),
    payment: opts.payment,
    promoCode: opts.promoCode,
  });
}

export function httpPostParams(opts: HttpPostOptions): HttpPostParams {
  const url = required(opts?.url, 'httpPost url');
  const fields = opts.fields ?? {};
  if (typeof fields !== 'object' || Array.isArray(fields)) {
    throw new DslError(`httpPost 'fields' is an object of name/value pairs, e.g. { email: '~Contact.Email~' }, got ${JSON.stringify(fields)}.`);
  }
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') {
      throw new DslError(`httpPost field '${name}' must be a string (merge fields allowed), got ${JSON.stringify(value)}.`);
    }
  }
  const format = opts.format ?? 'form';
  if (format !== 'form' && format !== 'json') throw new DslError(`httpPost 'format' is 'form' or 'json', not ${JSON.stringify(format)}.`);
  return { url, fields: { ...fields }, format };
}
