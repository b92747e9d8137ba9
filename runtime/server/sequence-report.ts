/**
 * Per-step counts of a sequence, like Keap's campaign reporting: for each
 * step, how many contacts are on it now (`active`: reached it, not yet
 * past it), how many wait on it (`queued`: a timer not yet fired) and how
 * many went through it (`done`: history lines with status done, one per
 * pass, so a yearly repeat counts every year).
 *
 * Built from the store's enrollments in the sequence and those contacts'
 * histories: a scan, fine for a report asked for now and then; a store
 * with per-step counters can replace it without changing the answer.
 *
 * Email steps also carry `email`: the live host's counters of what became
 * of their emails (sent, delivered, bounced, complaints, unsubscribes,
 * clicks, opens), zero until something happened.
 */
import type { SequenceIR } from '../../dsl/ir';
import type { EmailStepStats, HistoryEntry } from '../hosts/live/runtime-host';
import type { Enrollment } from '../engine/model';

export interface StepCounts {
  path: number;
  stepId: string;
  kind: string;
  active: number;
  queued: number;
  done: number;
  /** Email steps only. */
  email?: EmailStepStats;
}

export interface SequenceReport {
  id: string;
  name: string;
  version: number;
  /** Enrollments by status: active, completed, stopped, removed. */
  contacts: Record<string, number>;
  steps: StepCounts[];
}

/** What the report reads: the live host's queries (or anything answering the same). */
export interface ReportSource {
  enrollmentsInSequence(sequenceId: string): Promise<Enrollment[]>;
  history(contactId: string): Promise<HistoryEntry[]>;
  emailStats(sequenceId: string): Promise<Record<string, EmailStepStats>>;
}

const ZERO_EMAIL: EmailStepStats = { sent: 0, delivered: 0, bounced: 0, complaints: 0, unsubscribes: 0, clicks: 0, opens: 0 };

export async function sequenceReport(store: ReportSource, ir: SequenceIR, version: number): Promise<SequenceReport> {
  const steps: StepCounts[] = [];
  const byKey = new Map<string, StepCounts>();
  const email = await store.emailStats(ir.id);
  for (const path of ir.paths) {
    for (const step of path.steps) {
      const row: StepCounts = { path: path.index, stepId: step.id, kind: step.kind, active: 0, queued: 0, done: 0 };
      if (step.kind === 'email') row.email = { ...ZERO_EMAIL, ...email[step.id] };
      steps.push(row);
      byKey.set(`${path.index}/${step.id}`, row);
    }
  }
  const contacts: Record<string, number> = { active: 0, completed: 0, stopped: 0, removed: 0 };
  const enrollments = await store.enrollmentsInSequence(ir.id);
  const people = new Set<string>();
  for (const e of enrollments) {
    contacts[e.status] = (contacts[e.status] ?? 0) + 1;
    people.add(e.contactId);
    if (e.status !== 'active') continue;
    e.paths.forEach((p, index) => {
      const row = p.stepId === null ? undefined : byKey.get(`${index}/${p.stepId}`);
      if (!row || p.status === 'ended') return;
      if (p.status === 'waiting') row.queued += 1;
      else row.active += 1;
    });
  }
  for (const id of people) {
    for (const h of await store.history(id)) {
      if (h.sequence !== ir.id || h.status !== 'done' || h.step === undefined) continue;
      const row = byKey.get(`${h.path}/${h.step}`);
      if (row) row.done += 1;
    }
  }
  return { id: ir.id, name: ir.name, version, contacts, steps };
}

export const emailStatsSchema = {
  type: 'object',
  description: 'Email steps: what became of their emails. delivered: accepted by the SMTP server; opens only with tracking.openPixel (inflated by Apple Mail Privacy Protection).',
  properties: Object.fromEntries(Object.keys(ZERO_EMAIL).map((k) => [k, { type: 'integer' }])),
} as const;

export const sequenceReportSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'integer' },
    contacts: { type: 'object', additionalProperties: { type: 'integer' } },
    steps: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          path: { type: 'integer' },
          stepId: { type: 'string' },
          kind: { type: 'string' },
          active: { type: 'integer' },
          queued: { type: 'integer' },
          done: { type: 'integer' },
          email: emailStatsSchema,
        },
      },
    },
  },
} as const;
