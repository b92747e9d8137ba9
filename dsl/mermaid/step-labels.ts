/**
 * The generated text of every step kind: what the step does, as a Keap user
 * would say it (`Email to owner: "New lead"`, `Apply tag: Customer`,
 * `Order (autocharge): 2 items`). A step's own `label` replaces it.
 *
 * User text (subjects, titles, tags) is shortened *inside* the label, so
 * that the fixed words around it (`Task for owner: ... (due in 1 day)`)
 * survive a long title: the budget for user text shrinks until the whole
 * label fits.
 */
import type { EmailRecipient, FieldValue, Step, StepKind, StepOf, StepParamsByKind, UserRef } from '../ir';
import { dateLabel, delayLabel, durationWords, fieldTimerLabel } from './timer-labels';
import { graphemeLength, humanField, oneLine, plain, quoted } from './text';
import { DEFAULT_OPTIONS } from './options';

/** Longest subject, title or value shown inside a label, and how short a squeeze may make it. */
const MAX_TEXT = 60;
const MIN_TEXT = 12;

/** Shorteners for user text at one budget: `q` quotes (subjects, titles), `p` does not (tags, ids). */
interface Fit {
  q(text: string): string;
  p(text: string): string;
}

const fitTo = (budget: number): Fit => ({ q: (t) => quoted(t, budget), p: (t) => plain(t, budget) });

const user = (ref: UserRef, f: Fit) => (ref === 'owner' ? 'owner' : f.p(ref));

function recipient(to: EmailRecipient, f: Fit): string {
  if (to === 'contact') return '';
  if (to === 'owner') return ' to owner';
  return ` to ${f.p(to.join(', '))}`;
}

/** Subject if there is one, else the start of the body: a fax or letter may have only a body. */
const subjectOrBody = (subject: string | undefined, body: string, f: Fit) =>
  subject !== undefined && oneLine(subject) !== '' ? f.q(subject) : f.q(body);

const valueWords = (value: FieldValue, f: Fit) => (typeof value === 'string' ? f.q(value) : String(value));

const PAYMENT: Record<StepParamsByKind['order']['payment'], string> = {
  autocharge: 'autocharge',
  payableInvoice: 'payable invoice',
  invoiceNoPayment: 'invoice, no payment',
};

type Labeller<K extends StepKind> = (params: StepParamsByKind[K], f: Fit) => string;

const LABELS: { [K in StepKind]: Labeller<K> } = {
  delay: delayLabel,
  date: dateLabel,
  field: fieldTimerLabel,
  email: (e, f) => `Email${recipient(e.to, f)}: ${oneLine(e.subject) === '' ? '(no subject)' : f.q(e.subject)}`,
  fax: (x, f) => `Fax: ${subjectOrBody(x.subject, x.body, f)}`,
  letter: (l, f) => `Letter: ${subjectOrBody(l.subject, l.body, f)}`,
  applyTag: (t, f) => `Apply tag: ${f.p(t.tag)}`,
  removeTag: (t, f) => `Remove tag: ${f.p(t.tag)}`,
  note: (n, f) => `Note${n.type !== undefined && oneLine(n.type) !== '' ? ` (${f.p(n.type)})` : ''}: ${f.q(n.subject)}`,
  task: (t, f) => {
    const due = t.due.amount === 0 ? 'due now' : `due in ${durationWords(t.due)}`;
    const extra = t.priority === undefined ? due : `${due}, ${t.priority} priority`;
    return `Task for ${user(t.assignTo, f)}: ${f.q(t.title)} (${extra})`;
  },
  appointment: (a, f) => {
    const when = `in ${durationWords(a.in)}${a.at !== undefined ? ` at ${a.at}` : ''}`;
    return `Appointment for ${user(a.assignTo, f)}: ${f.q(a.title)} (${when}, ${durationWords(a.length)})`;
  },
  setField: (s, f) => (s.value === null
    ? `Clear field: ${humanField(s.field)}`
    : `Set field: ${humanField(s.field)} = ${valueWords(s.value, f)}`),
  assignOwner: (a, f) => ('user' in a
    ? `Assign owner: ${f.p(a.user)}`
    : `Assign owner: round robin ${f.p(a.roundRobin.join(', '))}`),
  opportunity: (o, f) => `Opportunity for ${user(o.assignTo, f)}: ${f.q(o.title)} (${f.p(o.stage)})`,
  fulfillment: (l, f) => `Fulfillment list: ${f.p(l.list)}`,
  order: (o, f) => {
    const promo = o.promoCode !== undefined ? `, promo ${f.p(o.promoCode)}` : '';
    const [first] = o.items;
    const items = o.items.length !== 1
      ? `${o.items.reduce((n, i) => n + i.quantity, 0)} items`
      : first.quantity === 1 ? f.p(first.product) : `${first.quantity} × ${f.p(first.product)}`;
    return `Order (${PAYMENT[o.payment] ?? o.payment}${promo}): ${items}`;
  },
  httpPost: (h, f) => `HTTP Post${h.format === 'json' ? ' (JSON)' : ''}: ${f.p(h.url.replace(/^https?:\/\//i, ''))}`,
};

/**
 * The generated description of a step (ignoring its `label`), at most
 * `maxLength` characters when the fixed words allow it.
 * @example describeStep({ kind: 'applyTag', params: { tag: 'Customer' } }) // 'Apply tag: Customer'
 */
export function describeStep<K extends StepKind>(step: Pick<StepOf<K>, 'kind' | 'params'>, maxLength = DEFAULT_OPTIONS.maxLabelLength): string {
  const label = LABELS[step.kind] as Labeller<K>;
  let budget = MAX_TEXT;
  for (;;) {
    const text = label(step.params, fitTo(budget));
    // No more code units than allowed means no more graphemes: skip segmenting.
    const over = text.length <= maxLength ? 0 : graphemeLength(text) - maxLength;
    if (over <= 0 || budget <= MIN_TEXT) return text;
    budget = Math.max(MIN_TEXT, budget - over);
  }
}

/** What the canvas shows for a step: the author's `label` if it has text, else the description. */
export function stepText(step: Step, maxLength = DEFAULT_OPTIONS.maxLabelLength): string {
  if (step.label !== undefined && oneLine(step.label) !== '') return step.label;
  return describeStep(step, maxLength);
}
