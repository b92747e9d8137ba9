/**
 * The sequence IR: the contract between the DSL and every consumer
 * (validator, Mermaid renderer, engine, runtime, extension).
 *
 * Plain JSON only: no functions, no Dates, no class instances, so that an IR
 * survives `JSON.stringify`/`JSON.parse` unchanged and can be stored, diffed
 * and sent to a webview. `dsl/ir.schema.json` describes the same shape;
 * a test keeps the two in step by validating every sample against it.
 */

/** Bumped on any change that an older consumer could misread. */
export const IR_VERSION = 1 as const;

/** Where a step (or sequence, path, note) was written, 1-based line and column. */
export interface SourcePos {
  file: string;
  line: number;
  column: number;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** `'any'` (default), `'weekdays'` (Mon–Fri) or an explicit list of days. */
export type DayRule = 'any' | 'weekdays' | Weekday[];
/** `'account'` (default), `'contact'` (contact's `timezone`, else account), or an IANA name. */
export type ZoneRule = string;

export type DurationUnit = 'm' | 'h' | 'd' | 'w';
/** Hours are exact elapsed time; days, weeks and months are calendar units (SEMANTICS §2.3). */
export type OffsetUnit = 'h' | 'd' | 'w' | 'mo';

export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** Signed: a negative amount means "before the field's date". */
export interface Offset {
  amount: number;
  unit: OffsetUnit;
}

/** Time-of-day restriction shared by all timers: one of `at` or `between`. */
export interface TimeRestriction {
  on?: DayRule;
  at?: string;
  between?: [string, string];
  tz?: ZoneRule;
  /** Only meaningful on field timers; kept here so the validator can flag misuse. */
  repeat?: 'yearly';
}

export interface DelayParams extends TimeRestriction {
  duration: Duration;
}

export interface DateParams extends TimeRestriction {
  date: string;
  until?: string;
}

export interface FieldTimerParams {
  field: string;
  offset?: Offset;
  occurrence: 'next' | 'exact';
  at?: string;
  tz?: ZoneRule;
  repeat?: 'yearly';
}

/** `'contact'`, `'owner'`, or explicit staff addresses (a notification). */
export type EmailRecipient = 'contact' | 'owner' | string[];

/**
 * `marketing` email goes only to a marketable address (SEMANTICS: email
 * status); `transactional` goes regardless (staff notifications, receipts).
 */
export type EmailCategory = 'marketing' | 'transactional';

export interface EmailParams {
  subject: string;
  body: string;
  from?: string;
  to: EmailRecipient;
  /** Absent: `marketing` to the contact, `transactional` to the owner or fixed addresses (see `emailCategory`). */
  category?: EmailCategory;
}

/** The email's category, written or by default: to the contact is marketing, to staff transactional. */
export function emailCategory(params: Pick<EmailParams, 'to' | 'category'>): EmailCategory {
  return params.category ?? (params.to === 'contact' ? 'marketing' : 'transactional');
}

export interface FaxParams {
  body: string;
  subject?: string;
}

export interface LetterParams {
  body: string;
  subject?: string;
}

export interface TagParams {
  tag: string;
}

export interface NoteParams {
  subject: string;
  body?: string;
  /** Keap's note "action type", e.g. `'Call'`, `'Email'`, `'Other'`. */
  type?: string;
}

/** A staff user: the contact's owner, or a user id of the account. */
export type UserRef = 'owner' | string;

export interface TaskParams {
  title: string;
  description?: string;
  assignTo: UserRef;
  /** Due this long after the task is created. */
  due: Duration;
  priority?: 'low' | 'medium' | 'high';
}

export interface AppointmentParams {
  title: string;
  description?: string;
  assignTo: UserRef;
  /** Starts this long after the step runs (calendar days for d/w, like a delay). */
  in: Duration;
  /** Local start time in the account zone; without it, the step's own time of day. */
  at?: string;
  length: Duration;
  location?: string;
}

export type FieldValue = string | number | boolean | null;

export interface SetFieldParams {
  field: string;
  value: FieldValue;
}

export type AssignOwnerParams = { user: string } | { roundRobin: string[] };

export interface OpportunityParams {
  title: string;
  stage: string;
  assignTo: UserRef;
  products?: string[];
  projectedRevenue?: number;
  notes?: string;
}

export interface FulfillmentParams {
  list: string;
}

export type PaymentMode = 'autocharge' | 'payableInvoice' | 'invoiceNoPayment';

export interface OrderItem {
  product: string;
  quantity: number;
  /** Unit price in the account currency; products priced elsewhere may omit it. */
  price?: number;
}

export interface OrderParams {
  items: OrderItem[];
  payment: PaymentMode;
  promoCode?: string;
}

export interface HttpPostParams {
  url: string;
  /** Name/value pairs; values may hold merge fields. */
  fields: Record<string, string>;
  format: 'form' | 'json';
}

/** Every step kind with its parameters: the discriminated union all consumers switch on. */
export interface StepParamsByKind {
  delay: DelayParams;
  date: DateParams;
  field: FieldTimerParams;
  email: EmailParams;
  fax: FaxParams;
  letter: LetterParams;
  applyTag: TagParams;
  removeTag: TagParams;
  note: NoteParams;
  task: TaskParams;
  appointment: AppointmentParams;
  setField: SetFieldParams;
  assignOwner: AssignOwnerParams;
  opportunity: OpportunityParams;
  fulfillment: FulfillmentParams;
  order: OrderParams;
  httpPost: HttpPostParams;
}

export type StepKind = keyof StepParamsByKind;

export type StepOf<K extends StepKind> = {
  id: string;
  /** True when the author wrote the id; derived ids are stable slugs of the step's content. */
  explicitId: boolean;
  kind: K;
  params: StepParamsByKind[K];
  /** Optional author label shown on the canvas instead of the generated one. */
  label?: string;
  source?: SourcePos;
};

export type Step = { [K in StepKind]: StepOf<K> }[StepKind];

export const TIMER_KINDS = ['delay', 'date', 'field'] as const;
export const COMMUNICATION_KINDS = ['email', 'fax', 'letter'] as const;
export const PROCESS_KINDS = [
  'applyTag', 'removeTag', 'note', 'task', 'appointment', 'setField', 'assignOwner',
  'opportunity', 'fulfillment', 'order', 'httpPost',
] as const;
export const STEP_KINDS: readonly StepKind[] = [...TIMER_KINDS, ...COMMUNICATION_KINDS, ...PROCESS_KINDS];

export type StepGroup = 'timer' | 'communication' | 'process';

export function stepGroup(kind: StepKind): StepGroup {
  if ((TIMER_KINDS as readonly string[]).includes(kind)) return 'timer';
  if ((COMMUNICATION_KINDS as readonly string[]).includes(kind)) return 'communication';
  return 'process';
}

export type Goal =
  | { kind: 'tagApplied'; tag: string }
  | { kind: 'formSubmitted'; formId: string; form?: FormIR }
  | { kind: 'purchased'; product?: string }
  | { kind: 'purchaseFailed'; product?: string }
  | { kind: 'linkClicked'; stepId?: string; url?: string }
  | { kind: 'apiGoal'; name: string }
  | { kind: 'event'; name: string }
  | { kind: 'unsubscribed' };

export type GoalKind = Goal['kind'];

/** One field a web form accepts: its contact type and limits. */
export interface FormFieldIR {
  type: FieldType;
  /** Longest value in characters (default 1000). */
  maxLength?: number;
  required?: boolean;
}

/** What a web form accepts (`defineForm`); a form without one takes email, firstName and lastName. */
export interface FormIR {
  /** Accepted fields besides `email`: standard ones and declared custom ones. */
  fields: Record<string, FormFieldIR>;
  /** Tags a post may ask for. */
  tags: string[];
  /** Fields a post for an existing contact may overwrite; the others only fill empty ones. */
  updatable: string[];
  /** The contact is marketable only after confirming by email. */
  doubleOptIn: boolean;
}

/** Limits of a declared custom field beyond its type. */
export interface CustomFieldLimits {
  /** Longest text value in characters (default 1000). */
  maxLength?: number;
}

export interface PathIR {
  index: number;
  /** Optional author label for the start timer ("Marketing", "Fulfilment"). */
  label?: string;
  steps: Step[];
  source?: SourcePos;
}

export interface CanvasNote {
  id: string;
  text: string;
  source?: SourcePos;
}

export type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'datetime';

export interface SequenceIR {
  irVersion: typeof IR_VERSION;
  id: string;
  name: string;
  startOn: Goal[];
  stopOn: Goal[];
  runsUntilComplete: boolean;
  reentry: 'afterComplete' | 'never';
  notes: CanvasNote[];
  paths: PathIR[];
  /** Custom contact fields declared with `defineContact`; standard fields are implied. */
  customFields: Record<string, FieldType>;
  /** Limits of custom fields declared with `{ type, maxLength }`. */
  customFieldLimits?: Record<string, CustomFieldLimits>;
  source?: SourcePos;
}
