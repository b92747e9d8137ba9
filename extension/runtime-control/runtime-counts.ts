/**
 * GET /sequences (per-step active / queued / done of every published
 * sequence) as the canvas's live overlay. The answer comes over the
 * network, so its shape is checked before it is trusted.
 */
import type { CanvasCounts, EmailFiguresView, StepCountView } from '../protocol';

/** One sequence of GET /sequences (runtime/server/sequence-report.ts). */
export interface SequenceReportView {
  id: string;
  name: string;
  version: number;
  /** Enrollments by status: active, completed, stopped, removed. */
  contacts: Record<string, number>;
  steps: Array<{ path: number; stepId: string; kind: string; active: number; queued: number; done: number; email?: EmailFiguresView }>;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const EMAIL_FIGURES: Array<keyof EmailFiguresView> = ['sent', 'delivered', 'bounced', 'complaints', 'unsubscribes', 'clicks', 'opens'];

/** Absent (a server from before email figures, or not an email step), or every figure a number. */
const isEmailFigures = (v: unknown): boolean =>
  v === undefined || (v !== null && typeof v === 'object' && EMAIL_FIGURES.every((k) => isCount((v as Record<string, unknown>)[k])));

export function isSequenceReports(value: unknown): value is SequenceReportView[] {
  return Array.isArray(value) && value.every((s) =>
    s !== null && typeof s === 'object'
    && typeof s.id === 'string' && isCount(s.version)
    && Array.isArray(s.steps)
    && s.steps.every((st: Record<string, unknown>) => st && typeof st.stepId === 'string' && isCount(st.active) && isCount(st.queued) && isCount(st.done) && isEmailFigures(st.email)));
}

/**
 * Step ids are unique within a sequence, so the canvas keys by them; if two
 * paths ever shared one, their figures add up rather than one hiding the other.
 */
export function runtimeCounts(reports: readonly SequenceReportView[], label: string): CanvasCounts {
  const bySequence: Record<string, Record<string, StepCountView>> = {};
  for (const s of reports) {
    const steps: Record<string, StepCountView> = {};
    for (const st of s.steps) {
      const prev = steps[st.stepId];
      const view: StepCountView = {
        active: (prev?.active ?? 0) + st.active,
        waiting: (prev?.waiting ?? 0) + st.queued,
        done: (prev?.done ?? 0) + st.done,
      };
      // The figures are the step's (counted by step id), not a path's: one copy, never added twice.
      const email = st.email ?? prev?.email;
      if (email) view.email = Object.fromEntries(EMAIL_FIGURES.map((k) => [k, email[k]])) as unknown as EmailFiguresView;
      steps[st.stepId] = view;
    }
    bySequence[s.id] = steps;
  }
  return { source: 'runtime', label, bySequence };
}

/** "Runtime: 12 contacts in flight · :4400 · wall 14:05" for the canvas toolbar. */
export function runtimeLabel(reports: readonly SequenceReportView[], port: number, clock?: string): string {
  const inFlight = reports.reduce((n, s) => n + (s.contacts?.active ?? 0), 0);
  const parts = [`Runtime: ${inFlight} contact${inFlight === 1 ? '' : 's'} in flight`, `:${port}`];
  if (clock) parts.push(clock);
  return parts.join(' · ');
}
