/**
 * The panel's tables and lists, drawn from a DryRunView. Every value comes
 * from the run (contact data, merge-filled subjects...), so it is set with
 * textContent, never parsed as HTML.
 */
import type { DryRunView, OutboxItemView, TimelineRow } from '../../protocol';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function renderWarnings(warnings: string[]): void {
  const list = byId<HTMLUListElement>('warnings');
  list.replaceChildren(...warnings.map((w) => el('li', w)));
  list.hidden = warnings.length === 0;
}

/** Fills the picker; keeps `preferred` selected when it is still among the contacts. */
export function renderPicker(view: DryRunView, preferred: string | undefined): string | undefined {
  const picker = byId<HTMLSelectElement>('contact-picker');
  const rows = new Map<string, number>();
  for (const r of view.timeline) rows.set(r.contact, (rows.get(r.contact) ?? 0) + 1);
  picker.replaceChildren(...view.contacts.map((c) => {
    const o = el('option', `${c.id} · ${c.name} (${c.zone}) · ${rows.get(c.id) ?? 0} steps`);
    o.value = c.id;
    return o;
  }));
  const ids = view.contacts.map((c) => c.id);
  const chosen = preferred && ids.includes(preferred) ? preferred : view.contacts.find((c) => rows.has(c.id))?.id ?? ids[0];
  if (chosen) picker.value = chosen;
  return chosen;
}

/** One row per step the contact went through; a click (or Enter) reveals the step's code. */
export function renderTimeline(rows: TimelineRow[], onReveal: (row: TimelineRow) => void): void {
  const body = byId<HTMLTableElement>('timeline').tBodies[0];
  body.replaceChildren(...rows.map((r) => {
    const tr = el('tr', undefined, `timeline-row status-${r.status}`);
    tr.tabIndex = 0;
    tr.title = `${r.utc} (UTC). Click to show the step in the code.`;
    tr.dataset.sequence = r.sequence;
    tr.dataset.step = r.step;
    tr.append(el('td', r.local), el('td', `${r.sequence} · path ${r.path}`), el('td', r.step), el('td', r.kind), el('td', r.status, 'status'), el('td', r.reason ?? ''));
    tr.addEventListener('click', () => onReveal(r));
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onReveal(r);
      }
    });
    return tr;
  }));
  if (rows.length === 0) {
    const td = el('td', 'No step ran for this contact within the horizon.', 'muted');
    td.colSpan = 6;
    const tr = el('tr');
    tr.append(td);
    body.append(tr);
  }
}

function outboxItem(o: OutboxItemView): HTMLElement {
  const div = el('div', undefined, `outbox-item kind-${o.kind}`);
  div.dataset.contact = o.contact;
  div.append(
    el('div', `${o.local} · ${o.kind} · ${o.contact} · ${o.sequence} / ${o.step}`, 'meta'),
    el('div', o.title, 'title'),
    el('div', `To: ${o.to}`, 'to'),
    el('pre', o.body),
  );
  return div;
}

export function renderOutbox(items: OutboxItemView[]): void {
  const box = byId<HTMLDivElement>('outbox');
  box.replaceChildren(...(items.length > 0 ? items.map(outboxItem) : [el('p', 'Nothing would be sent.', 'muted')]));
}

export function renderCounts(view: DryRunView): void {
  const body = byId<HTMLTableElement>('counts').tBodies[0];
  const rows: HTMLTableRowElement[] = [];
  for (const [sequence, steps] of Object.entries(view.counts.bySequence)) {
    for (const [step, c] of Object.entries(steps)) {
      const tr = el('tr');
      tr.append(el('td', sequence), el('td', step));
      for (const n of [c.reached, c.done, c.skipped, c.failed, c.waiting]) tr.append(el('td', String(n ?? 0), 'n'));
      rows.push(tr);
    }
  }
  body.replaceChildren(...rows);
}

/**
 * A new run started or the run failed: the previous run's warnings, contacts,
 * timeline, outbox and counts leave the page (not just dimmed: they would
 * sit under the new title, and their rows would reveal another file's steps).
 */
export function clearRun(): void {
  renderWarnings([]);
  byId<HTMLSelectElement>('contact-picker').replaceChildren();
  byId<HTMLTableElement>('timeline').tBodies[0].replaceChildren();
  byId<HTMLDivElement>('outbox').replaceChildren();
  byId<HTMLTableElement>('counts').tBodies[0].replaceChildren();
  showSections(false);
}

/** The result sections (timeline, outbox, counts): shown only with a run's result. */
export function showSections(show: boolean): void {
  for (const section of document.querySelectorAll('section')) section.hidden = !show;
}
