/**
 * The dry-run panel's script: shows the run the host sends (running, result
 * or failure, mirrored in body[data-state] for the end-to-end tests), lets
 * the user pick a contact, and asks the host to reveal a step's code when a
 * timeline row is clicked.
 */
import { type DryRunHostMessage, type DryRunView, type DryRunWebviewMessage } from '../../protocol';
import { renderGantt } from './gantt-view';
import { renderCounts, renderOutbox, renderPicker, renderTimeline, renderWarnings } from './render';

declare function acquireVsCodeApi(): { postMessage(m: DryRunWebviewMessage): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const body = document.body;
const picker = document.getElementById('contact-picker') as HTMLSelectElement;
let view: DryRunView | undefined;
/** The picked contact survives a webview reload (the host resends the run). */
let contactId = (vscode.getState() as { contact?: string } | undefined)?.contact;

const text = (id: string, value: string) => {
  document.getElementById(id)!.textContent = value;
};

async function showContact(id: string | undefined): Promise<void> {
  if (!view) return;
  contactId = id;
  vscode.setState({ contact: id });
  const rows = view.timeline.filter((r) => r.contact === id);
  renderTimeline(rows, (r) => vscode.postMessage({ type: 'revealStep', sequence: r.sequence, step: r.step }));
  const contact = view.contacts.find((c) => c.id === id);
  await renderGantt(contact, rows, rows.length > 0 ? rows[0].at : 0);
}

async function showResult(v: DryRunView): Promise<void> {
  view = v;
  text('title', v.title);
  const sent = v.outbox.length;
  text('status', `${v.contacts.length} contact(s), ${v.start} → ${v.until} (account zone ${v.accountZone}) · ${v.steps} steps · ${sent} outgoing item(s) · ${Math.round(v.ms)} ms`);
  document.getElementById('error')!.hidden = true;
  renderWarnings(v.warnings);
  renderOutbox(v.outbox);
  renderCounts(v);
  await showContact(renderPicker(v, contactId));
  body.dataset.state = 'done';
}

window.addEventListener('message', (event: MessageEvent<DryRunHostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'running':
      body.dataset.state = 'running';
      text('title', m.title);
      text('status', 'Running…');
      break;
    case 'result':
      void showResult(m.view);
      break;
    case 'failed': {
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
