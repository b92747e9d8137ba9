/**
 * `sequence()` and `note()`: assemble start paths, goals and canvas notes
 * into the IR, assigning stable step ids.
 */
import { IR_VERSION } from './ir';
import type { CanvasNote, CustomFieldLimits, Goal, SequenceIR, SourcePos, Step } from './ir';
import { FORM_SCHEMA, type FormDefinition } from './forms';
import type { CustomFieldSchema } from './contact-schema';
import { PathBuilder } from './path-builder';
import { assignStepIds, slug } from './step-ids';
import { captureSource } from './source-position';
import { compact } from './step-params';
import { DslError } from './errors';
import { plainCopy } from './plain-copy';
import { assertKnownOptions } from './option-keys';

/** A canvas note, as returned by `note()`. */
export interface NoteDraft {
  readonly nudgeNote: true;
  text: string;
  source?: SourcePos;
}

/**
 * A canvas note: documents the sequence (audience, purpose); no run-time effect.
 * @example
 * sequence('welcome', { notes: [note('For newsletter sign-ups; goal: first purchase')], paths: [...] })
 */
export function note(text: string): NoteDraft {
  if (typeof text !== 'string' || text.trim() === '') throw new DslError('note() needs some text.');
  return { nudgeNote: true, text, source: captureSource() };
}

export interface SequenceOptions {
  /** Display name on the canvas and in reports. */
  name: string;
  /** Goals that enroll the contact. Without one, only the API can enroll. */
  startOn?: Goal | readonly Goal[];
  /** Goals that remove the contact (unless `runsUntilComplete`). */
  stopOn?: Goal | readonly Goal[];
  /** When true, stop goals do not remove the contact. Default false. */
  runsUntilComplete?: boolean;
  /** `'afterComplete'` (default): may enter again after leaving. `'never'`: once per contact. */
  reentry?: 'afterComplete' | 'never';
  notes?: ReadonlyArray<NoteDraft | string>;
  /** Start paths, run in parallel from the moment the contact enters. */
  paths: ReadonlyArray<PathBuilder<any>>;
}

const SEQUENCE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// Array.isArray does not narrow a readonly list out of the union, hence the casts.
const asList = (g: Goal | readonly Goal[] | undefined): Goal[] => (g === undefined ? [] : Array.isArray(g) ? [...(g as readonly Goal[])] : [g as Goal]);

/**
 * A campaign sequence: start paths run in parallel when a start goal is achieved.
 * @example
 * export default sequence('welcome', {
 *   name: 'Lead welcome',
 *   startOn: formSubmitted('newsletter'),
 *   stopOn: purchased(),
 *   paths: [start().email({ subject: 'Welcome!', body: 'Hi ~Contact.FirstName|there~' }).delay('2d').applyTag('Nurtured')],
 * })
 */
export function sequence(id: string, options: SequenceOptions): SequenceIR {
  const source = captureSource();
  if (typeof id !== 'string' || !SEQUENCE_ID_RE.test(id)) {
    throw new DslError(`Sequence id ${JSON.stringify(id)} must start with a letter or digit and use only letters, digits, '-' and '_'.`);
  }
  assertKnownOptions(options, 'sequence', `sequence('${id}')`);
  if (!options || typeof options.name !== 'string') throw new DslError(`sequence('${id}') needs a 'name'.`);
  if (options.reentry !== undefined && options.reentry !== 'afterComplete' && options.reentry !== 'never') {
    throw new DslError(`sequence('${id}'): 'reentry' is 'afterComplete' (default) or 'never', not ${JSON.stringify(options.reentry)}.`);
  }
  for (const [key, goals] of [['startOn', options.startOn], ['stopOn', options.stopOn]] as const) {
    for (const g of asList(goals)) {
      if (!g || typeof g !== 'object' || typeof (g as { kind?: unknown }).kind !== 'string') {
        throw new DslError(`sequence('${id}'): '${key}' takes goals such as tagApplied('Lead') or formSubmitted('signup'), got ${JSON.stringify(g)}.`);
      }
    }
  }
  const builders: ReadonlyArray<PathBuilder<any>> = options.paths ?? [];
  if (!Array.isArray(builders as unknown) || builders.some((p) => !(p instanceof PathBuilder))) {
    throw new DslError(`sequence('${id}'): 'paths' must be a list of start() chains, e.g. paths: [start().email({...})].`);
  }
  const customFields: CustomFieldSchema = {};
  const customFieldLimits: Record<string, CustomFieldLimits> = {};
  for (const b of builders) {
    Object.assign(customFields, b._def.customFields ?? {});
    Object.assign(customFieldLimits, b._def.customFieldLimits ?? {});
  }
  for (const g of [...asList(options.startOn), ...asList(options.stopOn)]) {
    const schema = (g as { [FORM_SCHEMA]?: FormDefinition['schema'] })[FORM_SCHEMA];
    if (schema) {
      Object.assign(customFields, schema.customFields);
      Object.assign(customFieldLimits, schema.customFieldLimits);
    }
  }

  const ids = assignStepIds(builders.map((b) => b._def));
  const paths = builders.map((b, index) => compact({
    index,
    label: b._def.label,
    steps: b._def.steps.map((d, pos) => compact({
      id: ids[index][pos],
      explicitId: d.id !== undefined,
      kind: d.kind,
      // A copy: builders are shared between paths and sequences, the IR must not alias them.
      params: plainCopy(d.params, `step ${ids[index][pos]} (${d.kind})`) as Step['params'],
      label: d.label,
      source: d.source,
    }) as Step),
    source: b._def.source,
  }));

  const noteIds = new Map<string, number>();
  const notes: CanvasNote[] = (options.notes ?? []).map((n) => {
    const draft = typeof n === 'string' ? { text: n, source } : n;
    const base = `note-${slug(draft.text, 24)}`;
    const count = (noteIds.get(base) ?? 0) + 1;
    noteIds.set(base, count);
    return compact({ id: count === 1 ? base : `${base}-${count}`, text: draft.text, source: draft.source });
  });

  return compact({
    irVersion: IR_VERSION,
    id,
    name: options.name,
    startOn: asList(options.startOn),
    stopOn: asList(options.stopOn),
    runsUntilComplete: options.runsUntilComplete ?? false,
    reentry: options.reentry ?? 'afterComplete',
    notes,
    paths,
    customFields,
    customFieldLimits: Object.keys(customFieldLimits).length > 0 ? customFieldLimits : undefined,
    source,
  });
}
