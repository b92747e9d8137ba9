/**
 * Builds what the dry-run panel shows from a simulation result: pure (no
 * vscode, no I/O), so it is tested on real simulate() runs. Times are
 * formatted in each contact's own zone (the account zone when the contact
 * has none or a bad one), as the CLI's human report does.
 */
import { DateTime } from 'luxon';
import type { Contact } from '../../runtime/engine/model';
import { formatLocal, isValidZone } from '../../runtime/engine/time';
import type { SimulationResult } from '../../runtime/hosts/dry-run/simulate';
import type { CanvasCounts, DryRunContactView, DryRunView, StepCountView, TimelineRow } from '../protocol';
import { outboxItems } from './outbox-view';

export interface ViewContext {
  title: string;
  /** Canvas toolbar text; default "Dry run: N contacts, D days". */
  label?: string;
  accountZone: string;
  contacts: Contact[];
  start: number;
  until: number;
  /** Already phrased warnings to show first (contacts-file problems). */
  problems?: string[];
  /** Contacts whose bad `timezone` a problem already names: the engine's fallback notice is not repeated. */
  badZones?: Set<string>;
  ms?: number;
}

/**
 * A webview holds the rows in its DOM; a store of 50,000 contacts would be
 * millions of rows. The timeline keeps the first contacts' rows and the
 * outbox its first items; the counts always cover everyone.
 */
export const TIMELINE_CONTACT_LIMIT = 200;
export const OUTBOX_LIMIT = 500;

export const contactZone = (c: Contact | undefined, accountZone: string): string =>
  c?.timezone && isValidZone(c.timezone) ? c.timezone : accountZone;

/** "Tue 2026-12-01 09:00 EST": the weekday matters to timers that wait for weekdays. */
export function localTime(ms: number, zone: string): string {
  return `${DateTime.fromMillis(ms, { zone, locale: 'en-US' }).toFormat('ccc')} ${formatLocal(ms, zone)}`;
}

function contactName(c: Contact): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
  return name || (typeof c.email === 'string' ? c.email : '') || c.id;
}

function canvasCounts(result: SimulationResult, label: string): CanvasCounts {
  const bySequence: CanvasCounts['bySequence'] = {};
  for (const r of result.counts.list()) {
    const view: StepCountView = { reached: r.reached, done: r.done, skipped: r.skipped, failed: r.failed, waiting: r.waiting };
    (bySequence[r.sequence] ??= {})[r.step] = view;
  }
  return { source: 'dryRun', label, bySequence };
}

export function buildDryRunView(result: SimulationResult, ctx: ViewContext): DryRunView {
  const sorted = [...ctx.contacts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = new Map(sorted.map((c) => [c.id, c]));
  const zones = new Map(sorted.map((c) => [c.id, contactZone(c, ctx.accountZone)]));
  const zoneOf = (id: string) => zones.get(id) ?? ctx.accountZone;
  const shown = new Set(sorted.slice(0, TIMELINE_CONTACT_LIMIT).map((c) => c.id));

  const timeline: TimelineRow[] = [];
  for (const l of result.trace) {
    if (!shown.has(l.contact)) continue;
    timeline.push({
      at: l.time, utc: new Date(l.time).toISOString(), local: localTime(l.time, zoneOf(l.contact)),
      contact: l.contact, sequence: l.sequence, path: l.path, step: l.step, kind: l.kind, status: l.status,
      ...(l.reason !== undefined ? { reason: l.reason } : {}),
    });
  }
  const outbox = outboxItems(result.effects, (ms, id) => localTime(ms, zoneOf(id)), OUTBOX_LIMIT);

  const warnings = [...(ctx.problems ?? [])];
  for (const e of result.errors) {
    if (ctx.badZones?.has(e.contactId) && e.message.startsWith('time zone ')) continue;
    warnings.push(`Contact ${e.contactId}: ${e.message}`);
  }
  if (sorted.length > shown.size) {
    warnings.push(`The timeline shows the first ${shown.size} of ${sorted.length} contacts (by id); the counts cover all of them.`);
  }
  if (outbox.total > outbox.items.length) {
    warnings.push(`The outbox shows the first ${outbox.items.length} of ${outbox.total} items.`);
  }
  const days = Math.round(((ctx.until - ctx.start) / 86_400_000) * 10) / 10;
  const label = ctx.label ?? `Dry run: ${sorted.length} contact${sorted.length === 1 ? '' : 's'}, ${days} day${days === 1 ? '' : 's'}`;
  const contacts: DryRunContactView[] = sorted
    .filter((c) => shown.has(c.id))
    .map((c) => ({ id: c.id, name: contactName(byId.get(c.id)!), zone: zoneOf(c.id) }));
  return {
    title: ctx.title,
    accountZone: ctx.accountZone,
    start: localTime(ctx.start, ctx.accountZone),
    until: localTime(ctx.until, ctx.accountZone),
    contacts,
    timeline,
    outbox: outbox.items,
    counts: canvasCounts(result, label),
    warnings,
    steps: result.steps,
    ms: ctx.ms ?? 0,
  };
}
