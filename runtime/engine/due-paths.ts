/**
 * Which paths of a contact have work at an instant, and when it must next
 * be woken. Plain loops over the state (no closures): the runner asks after
 * every path it runs, millions of times in a large dry run.
 */
import type { Enrollment } from './model';

/** Index of the first path of `e` with work at `now` (running, or its timer due), or −1. */
export function firstDuePath(e: Enrollment, now: number): number {
  const paths = e.paths;
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i];
    if (p.status === 'running' || (p.status === 'waiting' && (p.wakeAt ?? Infinity) <= now)) return i;
  }
  return -1;
}

/** Whether every path of `e` has ended, which completes the enrollment. */
export function allPathsEnded(e: Enrollment): boolean {
  const paths = e.paths;
  for (let i = 0; i < paths.length; i++) if (paths[i].status !== 'ended') return false;
  return true;
}

/** The earliest timer an active enrollment waits on, or null. */
export function nextWakeAt(enrollments: Enrollment[]): number | null {
  let next: number | null = null;
  for (let k = 0; k < enrollments.length; k++) {
    const e = enrollments[k];
    if (e.status !== 'active') continue;
    for (let i = 0; i < e.paths.length; i++) {
      const p = e.paths[i];
      if (p.status === 'waiting' && p.wakeAt !== undefined && (next === null || p.wakeAt < next)) next = p.wakeAt;
    }
  }
  return next;
}
