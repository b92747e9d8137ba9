/**
 * The dry-run host: drives the pure engine on a virtual clock. Every contact
 * has at most one pending wake-up in a min-heap; the clock jumps from one
 * to the next, so a simulated year costs only the steps that happen in it.
 * Nothing is sent: effects are collected into the outbox and records, and
 * an autocharge is answered by the sandbox rule at the same virtual instant.
 */
import type { AccountInfo } from '../../engine/merge';
import type { SequenceIR } from '../../../dsl/ir';
import type { Effect } from '../../engine/effects';
import { usableTags, type Contact, type GoalLine, type TraceEvent, type User } from '../../engine/model';
import { runContactInstant, type ContactState, type InstantInput, type InstantResult, type RunOptions } from '../../engine/run-contact';
import { createWorld } from '../../engine/world';
import { chargeAnswer, sandboxCharge } from '../payment-gateway';
import { foldRoundRobin } from '../round-robin-fold';
import { StepCounts } from './step-counts';
import { WakeBuckets } from './wake-buckets';

/** Something that happens to a contact at an instant (from a scenario file or the API). */
export interface ScheduledInput extends InstantInput {
  at: number;
  contactId: string;
}

export interface SimulationInput {
  sequences: SequenceIR[];
  contacts: Contact[];
  users?: User[];
  start: number;
  until: number;
  accountZone?: string;
  /** The business, for `~Account.Name~` and `~Account.Address~` (the CLI reads nudge.config.json). */
  account?: AccountInfo;
  /** Enroll every contact in every sequence at `start` (the dry run's default). */
  enrollAllAtStart?: boolean;
  inputs?: ScheduledInput[];
}

export interface SimulationHooks {
  /** Called with each instant's trace lines, already in SEMANTICS §2.5 order. */
  onTrace?(lines: TraceEvent[]): void;
  /** Called with each instant's goal lines (SEMANTICS §5), just before that instant's trace lines. */
  onGoals?(lines: GoalLine[]): void;
  onEffect?(effect: Effect): void;
  onProgress?(virtualNow: number): void;
  /** Keep every trace line and effect in the result (small runs; the CLI's --json streams instead). */
  collect?: boolean;
}

export interface SimulationResult {
  trace: TraceEvent[];
  /** What goals did (entered / stopped / not enrolled), in the order they happened; with `collect`. */
  goals: GoalLine[];
  effects: Effect[];
  errors: Array<{ contactId: string; message: string }>;
  states: ContactState[];
  counts: StepCounts;
  steps: number;
}

const NONE: ScheduledInput[] = [];
/** Shared: the engine only reads commands. */
const NO_COMMANDS: InstantInput = {};

/**
 * SEMANTICS §2.5: time, sequence id, contact id, path index. Within one path
 * the engine already emits lines in step order, and the sort is stable, so
 * a path that passes the same steps twice in an instant (a yearly timer it
 * returns to, a re-entry) keeps its execution order; sorting by position
 * would interleave the two passes.
 */
function traceOrder(a: TraceEvent, b: TraceEvent): number {
  return a.time - b.time
    || (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0)
    || (a.contact < b.contact ? -1 : a.contact > b.contact ? 1 : 0)
    || a.path - b.path;
}

export function simulate(input: SimulationInput, hooks: SimulationHooks = {}): SimulationResult {
  const world = createWorld(input.sequences, { accountZone: input.accountZone, account: input.account, users: input.users });
  const contacts = [...input.contacts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(contacts.map((c, i) => [c.id, i]));
  // Copies: the run updates states in place and must not touch the caller's contacts.
  const states: ContactState[] = contacts.map((contact) => ({ contact: { ...contact, tags: usableTags(contact.tags) }, enrollments: [] }));
  const wakeAt: Array<number | null> = contacts.map(() => null);
  const pending = new Map<number, ScheduledInput[]>();
  const queue = new WakeBuckets();
  const counts = new StepCounts(input.sequences);
  const result: SimulationResult = { trace: [], goals: [], effects: [], errors: [], states, counts, steps: 0 };
  const seenErrors = new Set<string>();

  const schedule = (i: number, t: number, extra: InstantInput) => {
    const list = pending.get(i) ?? [];
    list.push({ at: t, contactId: contacts[i].id, ...extra });
    pending.set(i, list);
    queue.add(t, i);
  };
  // Enrolling everyone at the start is one flag, not a scheduled input per
  // contact: those would be an object and a map entry for every contact.
  // It comes first, as if scheduled before the scenario's inputs.
  const enrollAll = input.enrollAllAtStart !== false ? input.sequences.map((s) => s.id) : null;
  const enrollAllCommands: InstantInput = { enroll: enrollAll ?? [] };
  let enrollingAll = false;
  let enrollAllPending = enrollAll !== null;
  if (enrollAll) for (let i = 0; i < contacts.length; i++) queue.add(input.start, i);
  for (const inp of input.inputs ?? []) {
    const i = index.get(inp.contactId);
    if (i === undefined) {
      result.errors.push({ contactId: inp.contactId, message: `scenario names unknown contact ${inp.contactId}` });
      continue;
    }
    schedule(i, inp.at, inp);
  }

  // The host owns these states, so the engine may update them in place.
  // Without trace consumers, steps are only counted: a sink, no line objects.
  const keepLines = hooks.collect || hooks.onTrace;
  const sink = keepLines ? null : counts.sink(world);
  const options: RunOptions = sink ? { inPlace: true, sink } : { inPlace: true };
  /** Scheduled inputs merged into one instant's commands, in the order they were scheduled. */
  const merged = (due: ScheduledInput[]): InstantInput => {
    const commands: InstantInput = enrollingAll ? { enroll: [...enrollAll!] } : {};
    for (const d of due) {
      if (d.tagsApplied) (commands.tagsApplied ??= []).push(...d.tagsApplied);
      if (d.fields) commands.fields = { ...commands.fields, ...d.fields };
      if (d.goals) (commands.goals ??= []).push(...d.goals);
      if (d.enroll) (commands.enroll ??= []).push(...d.enroll);
      if (d.remove) (commands.remove ??= []).push(...d.remove);
    }
    return commands;
  };

  let batch: TraceEvent[] = [];
  let goalBatch: GoalLine[] = [];
  const flush = () => {
    if (goalBatch.length > 0) {
      hooks.onGoals?.(goalBatch);
      if (hooks.collect) result.goals.push(...goalBatch);
      goalBatch = [];
    }
    if (batch.length === 0) return;
    batch.sort(traceOrder);
    hooks.onTrace?.(batch);
    if (hooks.collect) result.trace.push(...batch);
    batch = [];
  };

  /** Runs contact `i` at instant `t`: its scheduled inputs, then whatever fell due. */
  const runOne = (i: number, t: number): void => {
    const queued = pending.size === 0 ? undefined : pending.get(i);
    const due = queued ? queued.filter((p) => p.at === t) : NONE;
    if (!enrollingAll && due.length === 0 && wakeAt[i] !== t) return; // stale entry: the contact's wake-up moved
    if (queued && due.length > 0) {
      const rest = queued.filter((p) => p.at !== t);
      if (rest.length > 0) pending.set(i, rest);
      else pending.delete(i);
    }
    if (wakeAt[i] === t) wakeAt[i] = null;
    const commands = due.length === 0 ? (enrollingAll ? enrollAllCommands : NO_COMMANDS) : merged(due);
    let out = runContactInstant(world, states[i], t, commands, options);
    consume(i, out);
    while (out.charge !== undefined) {
      // Answered at once, at the same virtual instant: the instant goes on as if the card had been charged inline.
      const answer = chargeAnswer(out.charge, sandboxCharge(states[i].contact));
      out = runContactInstant(world, states[i], t, { charges: [answer] }, options);
      consume(i, out);
    }
    if (out.nextWakeAt !== null && (wakeAt[i] === null || out.nextWakeAt < wakeAt[i]!)) {
      wakeAt[i] = out.nextWakeAt;
      queue.add(out.nextWakeAt, i);
    }
  };

  /** Takes in one engine result of contact `i`: its state, turns, lines, effects and errors. */
  const consume = (i: number, out: InstantResult): void => {
    states[i] = out.state;
    foldRoundRobin(world, out.roundRobin);
    result.steps += out.trace.length;
    if (out.goals && (hooks.collect || hooks.onGoals)) goalBatch.push(...out.goals);
    for (const line of out.trace) {
      counts.add(line);
      batch.push(line);
    }
    for (const e of out.effects) {
      hooks.onEffect?.(e);
      if (hooks.collect) result.effects.push(e);
    }
    for (const message of out.errors) {
      const key = `${contacts[i].id}\u0000${message}`;
      if (!seenErrors.has(key)) {
        seenErrors.add(key);
        result.errors.push({ contactId: contacts[i].id, message });
      }
    }
  };

  while (queue.size > 0) {
    const t = queue.nextTime()!;
    if (t > input.until) break;
    const ids = queue.take();
    flush();
    hooks.onProgress?.(t);
    enrollingAll = enrollAllPending && t === input.start;
    if (enrollingAll) enrollAllPending = false;
    for (let k = 0; k < ids.length; k++) runOne(ids[k], t);
    enrollingAll = false;
  }
  flush();
  if (sink) result.steps += sink.steps;
  counts.addWaiting(states);
  return result;
}
