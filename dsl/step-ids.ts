/**
 * Stable step ids. An explicit `id` wins. Otherwise the id is a slug of what
 * the step does (`wait-2d`, `tag-customer`, `email-welcome-to-acme`), so it
 * does not move when an unrelated step is inserted or removed; only steps
 * with the same slug are numbered (`-2`, `-3`) in order of appearance.
 */
import type { Step, StepKind, StepParamsByKind } from './ir';
import { durationText } from './time-syntax';

export function slug(text: string, max = 40): string {
  const s = text
    .replace(/~[^~]*~/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = s.length > max ? s.slice(0, max).replace(/-[^-]*$/, '') || s.slice(0, max) : s;
  return cut || 'x';
}

type Deriver<K extends StepKind> = (p: StepParamsByKind[K]) => string;

const DERIVERS: { [K in StepKind]: Deriver<K> } = {
  delay: (p) => `wait-${durationText(p.duration)}`,
  date: (p) => `until-${p.date}`,
  field: (p) => {
    if (!p.offset || p.offset.amount === 0) return `field-${slug(p.field)}`;
    const side = p.offset.amount < 0 ? 'before' : 'after';
    return `field-${slug(p.field)}-${Math.abs(p.offset.amount)}${p.offset.unit}-${side}`;
  },
  email: (p) => `email-${slug(p.subject || 'untitled')}`,
  fax: (p) => `fax-${slug(p.subject ?? p.body)}`,
  letter: (p) => `letter-${slug(p.subject ?? p.body)}`,
  applyTag: (p) => `tag-${slug(p.tag)}`,
  removeTag: (p) => `untag-${slug(p.tag)}`,
  note: (p) => `note-${slug(p.subject)}`,
  task: (p) => `task-${slug(p.title)}`,
  appointment: (p) => `appt-${slug(p.title)}`,
  setField: (p) => `set-${slug(p.field)}`,
  assignOwner: (p) => ('user' in p ? `owner-${slug(p.user)}` : 'owner-round-robin'),
  opportunity: (p) => `opp-${slug(p.title)}`,
  fulfillment: (p) => `fulfil-${slug(p.list)}`,
  order: (p) => `order-${slug(p.items[0]?.product ?? 'empty')}`,
  httpPost: (p) => `post-${slug(p.url.replace(/^https?:\/\//, ''))}`,
};

export function deriveBaseId(step: Pick<Step, 'kind' | 'params'>): string {
  const derive = DERIVERS[step.kind] as Deriver<StepKind>;
  return derive(step.params as StepParamsByKind[StepKind]);
}

/**
 * Fills in derived ids for steps without an explicit one, avoiding every
 * explicit id. Numbering of same-slug steps (`-2`, `-3`) counts within one
 * path, and steps of later paths carry their path's label (or `p2`, `p3`),
 * so editing one path never re-keys the contacts waiting in another.
 * Explicit duplicates are left as written: the validator reports them.
 */
export function assignStepIds(paths: ReadonlyArray<{ label?: string; steps: ReadonlyArray<{ id?: string; kind: StepKind; params: unknown }> }>): string[][] {
  const taken = new Set(paths.flatMap((p) => p.steps.filter((s) => s.id !== undefined).map((s) => s.id as string)));
  return paths.map((path, index) => {
    const suffix = index === 0 ? '' : `-${path.label ? slug(path.label, 20) : `p${index + 1}`}`;
    const used = new Map<string, number>();
    return path.steps.map((s) => {
      if (s.id !== undefined) return s.id;
      const base = deriveBaseId(s as Pick<Step, 'kind' | 'params'>) + suffix;
      let n = used.get(base) ?? 0;
      let id: string;
      do {
        n += 1;
        id = n === 1 ? base : `${base}-${n}`;
      } while (taken.has(id));
      used.set(base, n);
      taken.add(id);
      return id;
    });
  });
}
