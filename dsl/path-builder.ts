/**
 * The immutable, chainable start-path builder. Every method returns a new
 * builder (the tRPC way: a plain definition plus one appended step), so a
 * shared prefix can be reused in several paths without surprises. The type
 * parameter `S` carries the contact schema through the chain.
 */
import type { CustomFieldLimits, FieldValue, SourcePos, StepKind, StepParamsByKind } from './ir';
import type { CustomFieldSchema, DateFieldName, FieldValueOf, WritableFieldName } from './contact-schema';
import type {
  AppointmentOptions, DelayOptions, EmailOptions, FaxOptions, FieldTimerOptions, HttpPostOptions,
  LetterOptions, NoteOptions, OpportunityOptions, OrderOptions, StepMeta, TaskOptions, WaitUntilOptions,
} from './step-options';
import type { DateText, DurationText } from './time-syntax';
import {
  appointmentParams, compact, dateParams, delayParams, emailParams, fieldTimerParams, httpPostParams,
  opportunityParams, orderParams, taskParams,
} from './step-params';
import { captureSource } from './source-position';
import { DslError } from './errors';
import { assertKnownOptions } from './option-keys';

/** A step as the builder records it, before the sequence assigns ids. */
export interface DraftStep {
  kind: StepKind;
  params: StepParamsByKind[StepKind];
  id?: string;
  label?: string;
  source?: SourcePos;
}

export interface PathDef {
  label?: string;
  /** Custom fields of the schema the path was started with (see `defineContact`). */
  customFields?: Readonly<CustomFieldSchema>;
  /** Limits of those custom fields (maxLength). */
  customFieldLimits?: Readonly<Record<string, CustomFieldLimits>>;
  steps: readonly DraftStep[];
  source?: SourcePos;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DslError(`${what} must be a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export class PathBuilder<S extends CustomFieldSchema = {}> {
  /** The recorded path. Read by `sequence()`; not part of the authoring API. */
  readonly _def: PathDef;

  constructor(def: PathDef) {
    this._def = Object.freeze({ ...def, steps: Object.freeze([...def.steps]) });
  }

  private add<K extends StepKind>(kind: K, params: StepParamsByKind[K], meta: StepMeta = {}): PathBuilder<S> {
    const step: DraftStep = compact({ kind, params, id: meta.id, label: meta.label, source: captureSource() });
    if (meta.id !== undefined && (typeof meta.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(meta.id))) {
      throw new DslError(`A step 'id' starts with a letter or digit and uses only letters, digits, '-', '_' and '.', got ${JSON.stringify(meta.id)}.`);
    }
    return new PathBuilder<S>({ ...this._def, steps: [...this._def.steps, step] });
  }

  // ── Timers ──────────────────────────────────────────────────────────────

  /**
   * Delay timer: wait a duration, then for an allowed time slot.
   * Minutes and hours are exact elapsed time; days and weeks are calendar days.
   * @example
   * start().delay('2d', { on: 'weekdays', at: '09:00', tz: 'contact' })
   * start().delay('0m', { on: 'weekdays', between: ['09:00', '17:00'] }) // business hours
   */
  delay(duration: DurationText, options?: DelayOptions): PathBuilder<S> {
    assertKnownOptions(options, 'delay', 'delay()');
    return this.add('delay', delayParams(duration, options), options);
  }

  /**
   * Date timer: wait for a calendar date (or a range with `until`); skipped when it has passed.
   * @example
   * start().waitUntil('2026-11-27', { until: '2026-11-30', at: '08:00', tz: 'contact' })
   */
  waitUntil(date: DateText, options?: WaitUntilOptions): PathBuilder<S> {
    assertKnownOptions(options, 'waitUntil', 'waitUntil()');
    return this.add('date', dateParams(date, options), options);
  }

  /**
   * Field timer: wait for a date taken from a date field of the contact.
   * @example
   * start().fieldTimer('birthday', { offset: '-3d', at: '09:00', repeat: 'yearly' })
   */
  fieldTimer(field: DateFieldName<S>, options?: FieldTimerOptions): PathBuilder<S> {
    assertKnownOptions(options, 'fieldTimer', 'fieldTimer()');
    return this.add('field', fieldTimerParams(text(field, 'fieldTimer field'), options), options);
  }

  // ── Communications ──────────────────────────────────────────────────────

  /**
   * Send an email to the contact, the owner, or staff addresses (a notification).
   * @example
   * start().email({ subject: 'Welcome, ~Contact.FirstName|friend~', body: 'Glad you are here.' })
   * start().email({ to: ['sales@acme.test'], subject: 'New lead: ~Contact.Email~', body: '...' })
   */
  email(options: EmailOptions): PathBuilder<S> {
    assertKnownOptions(options, 'email', 'email()');
    return this.add('email', emailParams(options), options);
  }

  /**
   * Send a fax to the contact's fax number (skipped when there is none).
   * @example
   * start().fax({ subject: 'Your quote', body: 'Dear ~Contact.FirstName~, ...' })
   */
  fax(options: FaxOptions): PathBuilder<S> {
    assertKnownOptions(options, 'fax', 'fax()');
    return this.add('fax', compact({ subject: options.subject, body: options.body ?? '' }), options);
  }

  /**
   * Print a letter (PDF) to the contact's postal address (skipped when there is none).
   * @example
   * start().letter({ subject: 'Thank you', body: 'Dear ~Contact.FirstName~, ...' })
   */
  letter(options: LetterOptions): PathBuilder<S> {
    assertKnownOptions(options, 'letter', 'letter()');
    return this.add('letter', compact({ subject: options.subject, body: options.body ?? '' }), options);
  }

  // ── Process objects ─────────────────────────────────────────────────────

  /**
   * Apply a tag to the contact; fires `tagApplied` goals when the tag is new.
   * @example
   * start().applyTag('Customer')
   */
  applyTag(tag: string, meta?: StepMeta): PathBuilder<S> {
    assertKnownOptions(meta, 'meta', 'applyTag()');
    return this.add('applyTag', { tag: text(tag, 'applyTag tag') }, meta);
  }

  /**
   * Remove a tag from the contact.
   * @example
   * start().removeTag('Prospect')
   */
  removeTag(tag: string, meta?: StepMeta): PathBuilder<S> {
    assertKnownOptions(meta, 'meta', 'removeTag()');
    return this.add('removeTag', { tag: text(tag, 'removeTag tag') }, meta);
  }

  /**
   * Add a date-stamped note to the contact record.
   * @example
   * start().applyNote({ subject: 'Became a customer', body: 'Bought ~Order.Products~', type: 'Other' })
   */
  applyNote(options: NoteOptions): PathBuilder<S> {
    assertKnownOptions(options, 'applyNote', 'applyNote()');
    const params = compact({ subject: text(options.subject, 'applyNote subject'), body: options.body, type: options.type });
    return this.add('note', params, options);
  }

  /**
   * Create a task for a staff user (the contact's owner by default), due after `due`.
   * @example
   * start().createTask({ title: 'Welcome call to ~Contact.FirstName~', due: '1d', priority: 'high' })
   */
  createTask(options: TaskOptions): PathBuilder<S> {
    assertKnownOptions(options, 'createTask', 'createTask()');
    return this.add('task', taskParams(options), options);
  }

  /**
   * Put an appointment on a staff user's calendar.
   * @example
   * start().createAppointment({ title: 'Onboarding', in: '2d', at: '10:00', length: '45m' })
   */
  createAppointment(options: AppointmentOptions): PathBuilder<S> {
    assertKnownOptions(options, 'createAppointment', 'createAppointment()');
    return this.add('appointment', appointmentParams(options), options);
  }

  /**
   * Write a contact field; the value must match the field's type (`null` clears it).
   * @example
   * start().setField('leadSource', 'Webinar')
   * start().setField('leadScore', 10) // with defineContact({ leadScore: 'number' })
   */
  setField<F extends WritableFieldName<S>>(field: F, value: FieldValueOf<S, F>, meta?: StepMeta): PathBuilder<S> {
    assertKnownOptions(meta, 'meta', 'setField()');
    return this.add('setField', { field: text(field, 'setField field'), value: value as FieldValue }, meta);
  }

  /**
   * Make a user the contact's owner, or rotate among several (round robin).
   * @example
   * start().assignOwner('u-ann')
   * start().assignOwner({ roundRobin: ['u-ann', 'u-bob'] })
   */
  assignOwner(owner: string | { roundRobin: readonly string[] }, meta?: StepMeta): PathBuilder<S> {
    assertKnownOptions(meta, 'meta', 'assignOwner()');
    if (typeof owner === 'string') return this.add('assignOwner', { user: text(owner, 'assignOwner user') }, meta);
    if (!owner || !Array.isArray(owner.roundRobin) || owner.roundRobin.length === 0) {
      throw new DslError(`assignOwner takes a user id or { roundRobin: ['u-ann', 'u-bob'] } with at least one user.`);
    }
    return this.add('assignOwner', { roundRobin: [...owner.roundRobin] }, meta);
  }

  /**
   * Open a sales opportunity for a rep.
   * @example
   * start().createOpportunity({ title: 'Upsell ~Contact.Company~', stage: 'Qualified', projectedRevenue: 1200 })
   */
  createOpportunity(options: OpportunityOptions): PathBuilder<S> {
    assertKnownOptions(options, 'createOpportunity', 'createOpportunity()');
    return this.add('opportunity', opportunityParams(options), options);
  }

  /**
   * Add the contact to a fulfillment list (exported as CSV for a fulfillment house).
   * @example
   * start().addToFulfillmentList('Welcome kit')
   */
  addToFulfillmentList(list: string, meta?: StepMeta): PathBuilder<S> {
    assertKnownOptions(meta, 'meta', 'addToFulfillmentList()');
    return this.add('fulfillment', { list: text(list, 'addToFulfillmentList list') }, meta);
  }

  /**
   * Create an order: autocharge the card on file, a payable invoice, or an invoice without payment.
   * @example
   * start().createOrder({ items: [{ product: 'refill-pack', price: 29 }], payment: 'autocharge' })
   */
  createOrder(options: OrderOptions): PathBuilder<S> {
    assertKnownOptions(options, 'createOrder', 'createOrder()');
    return this.add('order', orderParams(options), options);
  }

  /**
   * POST name/value pairs (values may hold merge fields) to an outside URL.
   * @example
   * start().httpPost({ url: 'https://members.acme.test/hook', fields: { email: '~Contact.Email~', level: 'gold' } })
   */
  httpPost(options: HttpPostOptions): PathBuilder<S> {
    assertKnownOptions(options, 'httpPost', 'httpPost()');
    return this.add('httpPost', httpPostParams(options), options);
  }
}

/**
 * Begin a start path. Every start path of a sequence starts when the contact
 * enters, and they run in parallel.
 * @example
 * start().delay('1d').email({ subject: 'Hi', body: 'Hello ~Contact.FirstName|there~' })
 * start('Staff').email({ to: 'owner', subject: 'New lead', body: '~Contact.Email~' })
 */
export function start<S extends CustomFieldSchema = {}>(label?: string): PathBuilder<S> {
  return new PathBuilder<S>(compact({ label, steps: [], source: captureSource() }));
}

/** `start()` for a declared schema; used by `defineContact`. */
export function startWithSchema<S extends CustomFieldSchema>(customFields: S, label?: string, customFieldLimits?: Readonly<Record<string, CustomFieldLimits>>): PathBuilder<S> {
  const limits = customFieldLimits && Object.keys(customFieldLimits).length > 0 ? customFieldLimits : undefined;
  return new PathBuilder<S>(compact({ label, customFields, customFieldLimits: limits, steps: [], source: captureSource() }));
}
