/**
 * The dry run's human output: a timeline per contact in the contact's local
 * time, per-step counts, the outbox summary, the records the run would
 * create, and the contacts whose data needs fixing.
 */
import { isOutgoing, type Effect } from '../../engine/effects';
import type { Contact, GoalLine, TraceEvent } from '../../engine/model';
import { formatLocal, isValidZone } from '../../engine/time';
import type { SimulationResult } from './simulate';
import { table } from './text-table';

export interface ReportContext {
  title: string;
  accountZone: string;
  contacts: Contact[];
  start: number;
  until: number;
}

const zoneOf = (c: Contact | undefined, account: string) =>
  c?.timezone && isValidZone(c.timezone) ? c.timezone : account;

function contactTitle(c: Contact | undefined, id: string, zone: string): string {
  if (!c) return id;
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return `${id}${name ? ` ${name}` : ''}${c.email ? ` <${c.email}>` : ''} (${zone})`;
}

type TimelineLine = TraceEvent | GoalLine;

/** A goal's row: no path or step; its status column says what it did and why. */
const goalStatus = (l: GoalLine) => `${l.goal} (${l.cause}${l.reason ? `: ${l.reason}` : ''})`;

function timeline(trace: TraceEvent[], goals: GoalLine[], ctx: ReportContext): string[] {
  const byContact = new Map<string, TimelineLine[]>();
  // Goal lines first, so at one instant a contact's goal rows come before its step rows, as in --json.
  for (const line of [...goals, ...trace] as TimelineLine[]) {
    const list = byContact.get(line.contact) ?? [];
    list.push(line);
    byContact.set(line.contact, list);
  }
  // Stable: within one instant, goals before steps and each in run order.
  for (const list of byContact.values()) list.sort((a, b) => a.time - b.time);
  const contacts = new Map(ctx.contacts.map((c) => [c.id, c]));
  const out: string[] = [];
  for (const [id, lines] of [...byContact].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const contact = contacts.get(id);
    const zone = zoneOf(contact, ctx.accountZone);
    out.push(contactTitle(contact, id, zone));
    out.push(...table(lines.map((l) => 'goal' in l
      ? [`  ${formatLocal(l.time, zone)}`, l.sequence, '', '', 'goal', goalStatus(l)]
      : [
        `  ${formatLocal(l.time, zone)}`, l.sequence, `path ${l.path}`, l.step, l.kind,
        l.status + (l.reason ? ` (${l.reason})` : ''),
      ])));
    out.push('');
  }
  return out;
}

function outboxSummary(effects: Effect[], zone: string): string[] {
  const outgoing = effects.filter(isOutgoing);
  const byType = new Map<string, number>();
  for (const e of outgoing) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  const out = [`Outbox (nothing was sent): ${[...byType].map(([t, n]) => `${n} ${t}`).join(', ') || 'empty'}`];
  const rows = outgoing.slice(0, 20).map((e) => {
    const what = e.type === 'httpPost' ? `${e.url} ${new URLSearchParams(e.fields).toString()}` : `${e.to.join(', ')}: ${e.subject || e.body.slice(0, 40)}`;
    return [`  ${formatLocal(e.at, zone)}`, e.type, e.contactId, what.length > 90 ? `${what.slice(0, 89)}…` : what];
  });
  out.push(...table(rows));
  if (outgoing.length > rows.length) out.push(`  … and ${outgoing.length - rows.length} more (use --json for every step)`);
  return out;
}

function recordsSummary(effects: Effect[]): string[] {
  const counts = new Map<string, number>();
  for (const e of effects) {
    if (isOutgoing(e)) continue;
    const key = e.type === 'order' ? `order (${e.status})` : e.type === 'fulfillment' ? `fulfillment list "${e.list}" entry` : e.type;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [`Records the run would create: ${[...counts].map(([k, n]) => `${n} × ${k}`).join(', ') || 'none'}`];
}

export function humanReport(result: SimulationResult, ctx: ReportContext): string {
  const out: string[] = [
    `${ctx.title}: ${ctx.contacts.length} contact(s), ${formatLocal(ctx.start, ctx.accountZone)} → ${formatLocal(ctx.until, ctx.accountZone)} (account zone ${ctx.accountZone})`,
    '',
    ...timeline(result.trace, result.goals, ctx),
    'Per-step counts',
    ...table([
      ['  sequence', 'path', 'step', 'kind', 'reached', 'done', 'skipped', 'failed', 'waiting'],
      ...result.counts.list().map((r) => [`  ${r.sequence}`, String(r.path), r.step, r.kind, String(r.reached), String(r.done), String(r.skipped), String(r.failed), String(r.waiting)]),
    ]),
    '',
    ...outboxSummary(result.effects, ctx.accountZone),
    '',
    ...recordsSummary(result.effects),
  ];
  if (result.errors.length > 0) {
    out.push('', `Contacts with problems (${result.errors.length}):`);
    for (const e of result.errors) out.push(`  ${e.contactId}: ${e.message}`);
  }
  return `${out.join('\n')}\n`;
}
