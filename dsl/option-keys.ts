/**
 * The option keys each builder method knows. TypeScript already refuses an
 * unknown key in an object literal, but not in a shared variable, a `.js`
 * file or `check --no-typecheck`: without this a typo such as `{ att: '09:00' }`
 * would be dropped silently and the timer would fire at any time.
 *
 * Each list is typed `Record<keyof Options, true>`, so adding an option to
 * `step-options.ts` without listing it here is a compile error.
 */
import type {
  AppointmentOptions, DelayOptions, EmailOptions, FaxOptions, FieldTimerOptions, HttpPostOptions,
  LetterOptions, NoteOptions, OpportunityOptions, OrderOptions, StepMeta, TaskOptions, WaitUntilOptions,
} from './step-options';
import type { SequenceOptions } from './sequence';
import { DslError } from './errors';
import { didYouMean } from './validate/did-you-mean';

/** Every key of every member of a union (`keyof` alone gives only the shared ones). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type KeyList<T> = Record<KeysOfUnion<T>, true>;

const META: KeyList<StepMeta> = { id: true, label: true };
const DELAY: KeyList<DelayOptions> = { ...META, at: true, between: true, on: true, tz: true };

/** By method name, as the author wrote it. */
export const OPTION_KEYS = {
  delay: DELAY,
  waitUntil: { ...DELAY, until: true } satisfies KeyList<WaitUntilOptions>,
  fieldTimer: { ...META, offset: true, occurrence: true, at: true, tz: true, repeat: true } satisfies KeyList<FieldTimerOptions>,
  email: { ...META, subject: true, body: true, from: true, to: true, category: true } satisfies KeyList<EmailOptions>,
  fax: { ...META, subject: true, body: true } satisfies KeyList<FaxOptions>,
  letter: { ...META, subject: true, body: true } satisfies KeyList<LetterOptions>,
  applyNote: { ...META, subject: true, body: true, type: true } satisfies KeyList<NoteOptions>,
  createTask: { ...META, title: true, description: true, assignTo: true, due: true, priority: true } satisfies KeyList<TaskOptions>,
  createAppointment: {
    ...META, title: true, description: true, assignTo: true, in: true, at: true, length: true, location: true,
  } satisfies KeyList<AppointmentOptions>,
  createOpportunity: {
    ...META, title: true, stage: true, assignTo: true, products: true, projectedRevenue: true, notes: true,
  } satisfies KeyList<OpportunityOptions>,
  createOrder: { ...META, items: true, payment: true, promoCode: true } satisfies KeyList<OrderOptions>,
  httpPost: { ...META, url: true, fields: true, format: true } satisfies KeyList<HttpPostOptions>,
  meta: META,
  sequence: {
    name: true, startOn: true, stopOn: true, runsUntilComplete: true, reentry: true, notes: true, paths: true,
  } satisfies KeyList<SequenceOptions>,
} as const;

export type OptionsOf = keyof typeof OPTION_KEYS;

/**
 * Keys a validator rule explains better where they do not belong (NUDGE006:
 * `repeat` is for field timers only): left to it, so the author gets that
 * rule's message at the step instead of a bare "no option".
 */
const EXPLAINED_BY_RULES: ReadonlySet<string> = new Set(['repeat']);

/**
 * Throws on the first key `method` does not know, naming the closest known
 * one. `where` is how the author wrote the call, e.g. `delay()`.
 */
export function assertKnownOptions(options: unknown, list: OptionsOf, where: string): void {
  if (options === undefined || options === null || typeof options !== 'object' || Array.isArray(options)) return;
  const known: Record<string, true> = OPTION_KEYS[list];
  for (const key of Object.keys(options)) {
    if (Object.prototype.hasOwnProperty.call(known, key) || EXPLAINED_BY_RULES.has(key)) continue;
    const names = Object.keys(known);
    const near = didYouMean(key, names);
    const hint = near ? `Did you mean '${near}'?` : `Known options: ${names.join(', ')}.`;
    throw new DslError(`${where} has no option '${key}'. ${hint}`);
  }
}
