/**
 * The built panel script (dist/webview/dry-run.js) in a jsdom page made by
 * dryRunHtml: the elements and data attributes the end-to-end tests rely
 * on, the contact picker, and the revealStep message a row click sends.
 * (jsdom does no layout: SVG text gets a fixed size so Mermaid can draw.)
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dryRunHtml } from '../../../extension/dry-run/dry-run-html';
import { webviewCsp } from '../../../extension/webview-page';
import { findStepSource } from '../../../extension/dry-run/step-source';
import { runDryRun } from '../../../extension/dry-run/run-dry-run';
import { populationRequest, sourceOf } from '../../../extension/dry-run/contacts-source';
import type { DryRunHostMessage } from '../../../extension/protocol';
import { CONTACTS_FILE, DAY, leadWelcome, ROOT, START } from './fixtures';

// The root tsconfig has no DOM lib (this is Node-side code): the little used of jsdom's DOM, described here.
interface El {
  textContent: string | null;
  hidden: boolean;
  value: string;
  options: { length: number };
  dataset: Record<string, string | undefined>;
  click(): void;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  dispatchEvent(event: unknown): boolean;
}
interface Doc {
  body: El;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): { length: number; [i: number]: El };
}
interface Win {
  document: Doc;
  eval(code: string): unknown;
  acquireVsCodeApi?: unknown;
  dispatchEvent(event: unknown): boolean;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  Event: new (type: string) => unknown;
  SVGElement: { prototype: Record<string, unknown> };
}
type JsdomModule = { JSDOM: new (html: string, options: Record<string, unknown>) => { window: Win } };

function page() {
  const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;
  const html = dryRunHtml({ cspSource: 'vscode-resource:', scriptUri: 'about:blank', nonce: 'n0nce' });
  const { window } = new JSDOM(html, { runScripts: 'outside-only', pretendToBeVisual: true });
  // jsdom does no layout: give SVG text a size so Mermaid can draw the chart.
  const proto = window.SVGElement.prototype;
  proto.getBBox = () => ({ x: 0, y: 0, width: 80, height: 14 });
  proto.getComputedTextLength = () => 80;
  const sent: unknown[] = [];
  let state: unknown;
  window.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => sent.push(m), getState: () => state, setState: (s: unknown) => { state = s; } });
  window.eval(readFileSync(resolve(ROOT, 'dist/webview/dry-run.js'), 'utf8'));
  const post = (m: DryRunHostMessage) => window.dispatchEvent(new window.MessageEvent('message', { data: m }));
  return { window, document: window.document, sent, post };
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the page');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the dry-run panel page', () => {
  it('has a strict CSP: nothing but our nonce script, no network', () => {
    const csp = webviewCsp('vscode-resource:', 'abc');
    expect(dryRunHtml({ cspSource: 'vscode-resource:', scriptUri: 's', nonce: 'abc' })).toContain(`content="${csp}"`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-abc'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    expect(dryRunHtml({ cspSource: 'x', scriptUri: 'y"><script>', nonce: 'n' })).toContain('src="y&quot;>&lt;script>"');
  });

  it('shows a run: state, picker, one tr.timeline-row per step of the contact, outbox items, counts; a click asks to reveal the step', async () => {
    const { window, document, sent, post } = page();
    expect(sent).toEqual([{ type: 'ready' }]);
    expect(document.body.dataset.state).toBe('running');
    const view = await runDryRun({ title: 'Dry run of samples/lead-welcome.seq.ts', sequences: await leadWelcome(), population: populationRequest(sourceOf(CONTACTS_FILE), undefined), start: START, until: START + 10 * DAY, accountZone: 'America/New_York' });
    post({ type: 'result', view });
    await until(() => document.body.dataset.state === 'done');
    const picker = document.querySelector('#contact-picker')!;
    expect(picker.options.length).toBe(view.contacts.length);
    expect(picker.value).toBe('c01');
    const rows = document.querySelectorAll('#timeline tr.timeline-row');
    expect(rows.length).toBe(view.timeline.filter((r) => r.contact === 'c01').length);
    expect(rows[0].textContent).toContain('Tue 2026-12-01 09:00 EST');
    expect(document.querySelectorAll('#outbox .outbox-item').length).toBe(view.outbox.length);
    expect(document.querySelector('#outbox')!.textContent).toContain('Welcome to Acme Coffee, Maria!');
    expect(document.querySelectorAll('#counts tbody tr').length).toBeGreaterThan(5);
    expect(document.querySelector('#gantt')).not.toBeNull();
    // The journey chart: Mermaid's SVG with a bar or milestone per step of the contact.
    expect(document.querySelector('#gantt svg')?.getAttribute('aria-roledescription')).toBe('gantt');
    expect(Number(document.querySelector('#gantt svg')!.getAttribute('width'))).toBeGreaterThan(0);
    expect(document.querySelectorAll('#gantt svg rect.task').length).toBe(rows.length);

    rows[0].click();
    expect(sent.at(-1)).toEqual({ type: 'revealStep', sequence: 'lead-welcome', step: view.timeline.find((r) => r.contact === 'c01')!.step });
    const seqs = await leadWelcome();
    expect(findStepSource(seqs, 'lead-welcome', 'welcome-email')?.file).toMatch(/lead-welcome\.seq\.ts$/);
    expect(findStepSource(seqs, 'lead-welcome', 'gone')).toBeUndefined();

    picker.value = 'c02';
    picker.dispatchEvent(new window.Event('change'));
    await until(() => document.querySelector('#timeline tr.timeline-row')?.textContent?.includes('GMT') ?? false);
    expect(document.querySelectorAll('#timeline tr.timeline-row').length).toBe(view.timeline.filter((r) => r.contact === 'c02').length);
  });

  it('shows a failure in data-state and an alert, text only', async () => {
    const { document, post } = page();
    post({ type: 'failed', message: '<b>contacts.json</b>: cannot be read' });
    expect(document.body.dataset.state).toBe('failed');
    const error = document.querySelector('#error')!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe('<b>contacts.json</b>: cannot be read');
    expect(error.querySelector('b')).toBeNull();
  });

  it('a new run or a failure hides the previous run: no old timeline, outbox or counts under the new title, no old step to reveal; the picked contact is followed into the next run', async () => {
    const { window, document, sent, post } = page();
    const view = await runDryRun({ title: 'Dry run of samples/lead-welcome.seq.ts', sequences: await leadWelcome(), population: populationRequest(sourceOf(CONTACTS_FILE), undefined), start: START, until: START + 10 * DAY, accountZone: 'America/New_York' });
    post({ type: 'result', view });
    await until(() => document.body.dataset.state === 'done');
    const sections = () => Array.from({ length: document.querySelectorAll('section').length }, (_, i) => document.querySelectorAll('section')[i].hidden);
    expect(sections()).toEqual([false, false, false]);
    const picker = document.querySelector('#contact-picker')!;
    picker.value = 'c02';
    picker.dispatchEvent(new window.Event('change'));
    const oldRow = document.querySelector('#timeline tr.timeline-row')!;

    const gone = () => {
      expect(sections()).toEqual([true, true, true]);
      expect(document.querySelectorAll('#timeline tr').length).toBe(1); // the header row only
      expect(document.querySelectorAll('#outbox .outbox-item').length).toBe(0);
      expect(document.querySelectorAll('#counts tbody tr').length).toBe(0);
      expect(picker.options.length).toBe(0);
    };
    post({ type: 'running', title: 'Dry run of samples/birthday.seq.ts' });
    expect(document.querySelector('#title')!.textContent).toBe('Dry run of samples/birthday.seq.ts');
    gone();
    post({ type: 'failed', message: 'contacts.json: cannot be read' });
    expect(document.body.dataset.state).toBe('failed');
    gone();
    const before = sent.length;
    oldRow.click(); // a row of the run no longer shown
    picker.dispatchEvent(new window.Event('change'));
    expect(sent.length).toBe(before);

    post({ type: 'running', title: 'Dry run of samples/lead-welcome.seq.ts' });
    expect(document.querySelector('#error')!.hidden).toBe(true);
    post({ type: 'result', view });
    await until(() => document.body.dataset.state === 'done');
    expect(sections()).toEqual([false, false, false]);
    expect(picker.value).toBe('c02'); // re-running after an edit follows the same contact
  });
});
