/**
 * Helpers for the engine's behaviour tests: run the dry-run host on small
 * sequences and read its trace the way a user reads `nudge simulate --json`.
 */
import type { SequenceIR } from 'nudge';
import type { Effect, OutgoingMessage } from '../../runtime/engine/effects';
import type { Contact, Enrollment, TraceEvent, User } from '../../runtime/engine/model';
import { simulate, type ScheduledInput, type SimulationResult } from '../../runtime/hosts/dry-run/simulate';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export const utc = (text: string): number => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`bad ISO in test: ${text}`);
  return ms;
};

export const iso = (ms: number): string => new Date(ms).toISOString();

export const USERS: User[] = [
  { id: 'u-ann', firstName: 'Ann', lastName: 'Okafor', email: 'ann@acme.test', phone: '+1 212 555 0101' },
  { id: 'u-bob', firstName: 'Bob', lastName: 'Lindqvist', email: 'bob@acme.test', phone: '+1 212 555 0102' },
  { id: 'u-cho', firstName: 'Cho', lastName: 'Min-jun', email: 'cho@acme.test' },
];

export interface RunOptions {
  start: string;
  /** Horizon in days after start (default 30). */
  days?: number;
  until?: string;
  zone?: string;
  users?: User[];
  /** Scenario inputs, with `at` as ISO text. */
  inputs?: Array<Omit<ScheduledInput, 'at'> & { at: string }>;
  /** Default true, like the CLI without a scenario. */
  enrollAll?: boolean;
}

export function run(sequences: SequenceIR[], contacts: Contact[], opts: RunOptions): SimulationResult {
  const start = utc(opts.start);
  return simulate({
    sequences,
    contacts,
    users: opts.users ?? USERS,
    start,
    until: opts.until ? utc(opts.until) : start + (opts.days ?? 30) * DAY,
    accountZone: opts.zone ?? 'UTC',
    enrollAllAtStart: opts.enrollAll ?? true,
    inputs: (opts.inputs ?? []).map((i) => ({ ...i, at: utc(i.at) })),
  }, { collect: true });
}

/**
 * One trace line as a short readable string:
 * `2026-03-09T12:00:00.000Z c1 welcome/0 wait-3d done` or `... skipped (date passed)`.
 */
export function show(line: TraceEvent): string {
  return `${iso(line.time)} ${line.contact} ${line.sequence}/${line.path} ${line.step} ${line.status}${line.reason !== undefined ? ` (${line.reason})` : ''}`;
}

export const shown = (result: SimulationResult): string[] => result.trace.map(show);

export const emails = (effects: Effect[]): OutgoingMessage[] =>
  effects.filter((e): e is OutgoingMessage => e.type === 'email');

export function effectsOf<T extends Effect['type']>(effects: Effect[], type: T): Array<Effect & { type: T }> {
  return effects.filter((e) => e.type === type) as Array<Effect & { type: T }>;
}

export function stateOf(result: SimulationResult, contactId: string) {
  const s = result.states.find((x) => x.contact.id === contactId);
  if (!s) throw new Error(`no state for ${contactId}`);
  return s;
}

export function enrollments(result: SimulationResult, contactId: string, sequenceId: string): Enrollment[] {
  return stateOf(result, contactId).enrollments.filter((e) => e.sequenceId === sequenceId);
}
