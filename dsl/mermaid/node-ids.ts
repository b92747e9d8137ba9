/**
 * Mermaid node ids derived from sequence, step, note and goal ids, so that an
 * editor can map a clicked node back to its step, and so that a golden file
 * changes only where the sequence changed.
 *
 * - Only `[A-Za-z0-9_]`: anything else can end the id or start an arrow.
 * - Every id starts with a fixed role prefix (`step_`, `start_`, `goal_`...),
 *   so it can never be a Mermaid keyword such as `end`, `graph` or `style`.
 * - An id depends only on its own parts, never on its position, so it does
 *   not move when an unrelated step is inserted. A part that is not already
 *   `[A-Za-z0-9_-]` is sanitised lossily, so it gets a short hash of the
 *   original to stay distinct (`Étape 1!` → `Etape_1_<hash>`).
 * - The registry is the last line of defence: if two nodes still meet on one
 *   id (`a-b` and `a_b`, or a duplicated step id), the later one gets `_2`...
 */

/** How a node's id begins, by role. */
export type IdRole = 'seq' | 'start' | 'step' | 'note' | 'goal' | 'stop';

const MAX_PART = 48;

/** FNV-1a, 32 bit, base 36: tiny, deterministic, good enough to tell ids apart. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** One part of a node id (a sequence id, a step id...). */
export function idPart(raw: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(raw) && raw.length <= MAX_PART) return raw.replace(/-/g, '_');
  const readable = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: `É` reads as `E`, not `E_`
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_PART);
  return `${readable ? `${readable}_` : ''}${shortHash(raw)}`;
}

/** Hands out unique node ids for one diagram. */
export class NodeIdRegistry {
  private readonly taken = new Set<string>();

  /**
   * A new id for `parts` in a role, e.g. `('step', 'welcome', 'wait-2d')` →
   * `step_welcome__wait_2d`. Never the same id twice, even for the same parts:
   * two steps that share an id by mistake (the validator reports it) must
   * still be two nodes, not one node with two arrows in.
   */
  id(role: IdRole, ...parts: string[]): string {
    const base = `${role}_${parts.map(idPart).join('__')}`;
    let candidate = base;
    for (let n = 2; this.taken.has(candidate); n += 1) candidate = `${base}_${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}
