/**
 * What counts as "the same sequence" when deciding whether a save is a new
 * version: the IR without source positions. Inserting a blank line or a
 * comment above a step moves every position below it; that must not bump
 * the version nor mark steps as changed.
 */
import type { SequenceIR, Step } from '../../dsl/ir';

/** JSON with object keys sorted and `source` left out, so key order never matters. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(strip(value));
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key === 'source') continue;
    out[key] = strip((value as Record<string, unknown>)[key]);
  }
  return out;
}

export function sameSequence(a: SequenceIR, b: SequenceIR): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A step's behaviour (kind and parameters); its label and position are presentation. */
export function sameBehaviour(a: Step, b: Step): boolean {
  return a.kind === b.kind && canonicalJson(a.params) === canonicalJson(b.params);
}
