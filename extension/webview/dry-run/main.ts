/**
 * The dry-run panel's script: shows the run the host sends (running, result
 * or failure, mirrored in body[data-state] for the end-to-end tests), lets
 * the user pick a contact, and asks the host to reveal a step's code when a
 * timeline row is clicked.
 */
import { type DryRunHostMessage, type DryRunView, type DryRunWebviewMessage } from '../../protocol';
import { renderGantt } from './gantt-view';
import { clearRun, renderCounts, renderOutbox, renderPicker, renderTimeline, renderWarnings, showSections } from './render';

declare function acquireVsCodeApi(): { postMessage(m: DryRunWebviewMessage): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const body = document.body;
const picker = document.getElementById('contact-picker') as HTMLSelectElement;
let view: DryRunView | undefined;
/**
 * The picked contact survives a webview reload (the host resends the run)
 * and a new run (an author re-running after an edit follows the same
 * contact); a run without that contact shows its first one.
 */
let contactId = (vscode.getState() as { contact?: string } | undefined)?.contact;
/** Grows with every message from the host: a result still being drawn when a newer message came stops there. */
let generation = 0;

const text = (id: string, value: string) => {
  document.getElementById(id)!.textContent = value;
};

async function showContact(id: string | undefined): Promise<void> {
  const shown = view;
  if (!shown) return;
  contactId = id;
  vscode.setState({ contact: id });
  const rows = shown.timeline.filter((r) => r.contact === id);
  // Only while this run is on show: a row of an earlier run reveals nothing.
  renderTimeline(rows, (r) => { if (view === shown) vscode.postMessage({ type: 'revealStep', sequence: r.sequence, step: r.step }); });
  const contact = shown.contacts.find((c) => c.id === id);
  await renderGantt(contact, rows, rows.length > 0 ? rows[0].at : 0);
}

/** No result on show: the previous run's figures go (the picked contact stays the preference). */
function forgetRun(): void {
  view = undefined;
  clearRun();
  void renderGantt(undefined, [], 0); // also drops a chart still being drawn
}

async function showResult(v: DryRunView, g: number): Promise<void> {
  view = v;
  text('title', v.title);
  const sent = v.outbox.length;
  text('status', `${v.contacts.length} contact(s), ${v.start} → ${v.until} (account zone ${v.accountZone}) · ${v.steps} steps · ${sent} outgoing item(s) · ${Math.round(v.ms)} ms`);
  document.getElementById('error')!.hidden = true;
  renderWarnings(v.warnings);
  renderOutbox(v.outbox);
  renderCounts(v);
  showSections(true);
  await showContact(renderPicker(v, contactId));
  if (g === generation) body.dataset.state = 'done';
}

window.addEventListener('message', (event: MessageEvent<DryRunHostMessage>) => {
  const m = event.data;
  const g = ++generation;
  switch (m.type) {
    case 'running':
      forgetRun();
      document.getElementById('error')!.hidden = true; // a previous failure's message is not this run's
      body.dataset.state = 'running';
      text('title', m.title);
      text('status', 'Running…');
      break;
    case 'result':
      void showResult(m.view, g);
      break;
    case 'failed': {
      forgetRun();
      body.dataset.state = 'failed';
      text('status', 'The dry run did not finish.');
      const error = document.getElementById('error')!;
      error.textContent = m.message;
      error.hidden = false;
      break;
    }
  }
});

picker.addEventListener('change', () => void showContact(picker.value));
vscode.postMessage({ type: 'ready' });
