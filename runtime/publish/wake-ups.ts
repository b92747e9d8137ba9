/**
 * A contact's next wake-up after its enrollments were rewritten by a
 * migration: the engine's rule (the earliest waiting timer), plus "now" for
 * a path the migration set running, so the host runs it at the publish
 * instant instead of leaving it until its old, now meaningless, wake-up.
 */
import type { Enrollment } from '../engine/model';

export function nextWakeup(enrollments: readonly Enrollment[], now: number): number | null {
  let next: number | null = null;
  for (const e of enrollments) {
    if (e.status !== 'active') continue;
    for (const p of e.paths) {
      const at = p.status === 'running' ? now : p.status === 'waiting' ? p.wakeAt : undefined;
      if (at !== undefined && (next === null || at < next)) next = at;
    }
  }
  return next;
}
