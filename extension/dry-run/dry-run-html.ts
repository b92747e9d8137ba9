/**
 * The dry-run panel's page: timeline, outbox and counts sections, on the
 * one webview skeleton and CSP (../webview-page.ts). Every value the run
 * produces is put into the page by the script with textContent.
 */
import { webviewPageHtml, type WebviewScript } from '../webview-page';

export function dryRunHtml(script: WebviewScript): string {
  return webviewPageHtml({ ...script, title: 'Nudge dry run', css: CSS, bodyAttributes: 'data-state="running"', body: BODY });
}

const BODY = `<header>
  <h1 id="title">Dry run</h1>
  <p id="status" role="status" aria-live="polite">Running…</p>
</header>
<div id="error" role="alert" hidden></div>
<ul id="warnings" hidden></ul>
<section id="journey" aria-label="Timeline" hidden>
  <h2>Timeline <label>for <select id="contact-picker" aria-label="Contact"></select></label></h2>
  <div id="gantt" aria-label="Journey chart"></div>
  <table id="timeline">
    <thead><tr><th>Local time</th><th>Sequence</th><th>Step</th><th>Kind</th><th>Status</th><th>Reason</th></tr></thead>
    <tbody></tbody>
  </table>
</section>
<section aria-label="Outbox" hidden>
  <h2>Outbox <span class="hint">(nothing was sent)</span></h2>
  <div id="outbox"></div>
</section>
<section aria-label="Counts" hidden>
  <h2>Per-step counts</h2>
  <table id="counts">
    <thead><tr><th>Sequence</th><th>Step</th><th>Reached</th><th>Done</th><th>Skipped</th><th>Failed</th><th>Waiting</th></tr></thead>
    <tbody></tbody>
  </table>
</section>`;

// Colours from VS Code's theme variables: light, dark and high-contrast all read well.
const CSS = `
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family);
  font-size: var(--vscode-font-size); padding: 0 16px 24px; }
h1 { font-size: 1.3em; margin: 12px 0 4px; } h2 { font-size: 1.1em; margin: 20px 0 8px; font-weight: 600; }
#status, .hint, .muted { color: var(--vscode-descriptionForeground); font-weight: normal; }
#error { padding: 6px 10px; white-space: pre-wrap; color: var(--vscode-inputValidation-errorForeground, inherit);
  background: var(--vscode-inputValidation-errorBackground, rgba(255,0,0,.15)); border: 1px solid var(--vscode-inputValidation-errorBorder, red); }
#warnings { padding: 6px 10px 6px 28px; margin: 8px 0; background: var(--vscode-inputValidation-warningBackground, rgba(255,200,0,.12));
  border: 1px solid var(--vscode-inputValidation-warningBorder, #cca700); }
[hidden] { display: none !important; }
select { color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border, transparent);
  font: inherit; padding: 2px 4px; margin-left: 4px; }
table { border-collapse: collapse; width: 100%; margin-top: 8px; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.3)); vertical-align: top; }
th { font-weight: 600; color: var(--vscode-descriptionForeground); }
#counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
#timeline td:first-child { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.timeline-row { cursor: pointer; }
tr.timeline-row:hover, tr.timeline-row:focus { background: var(--vscode-list-hoverBackground); outline: none; }
tr.timeline-row:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
tr.status-skipped td.status { color: var(--vscode-editorWarning-foreground); }
tr.status-failed td.status { color: var(--vscode-editorError-foreground); }
#gantt { overflow-x: auto; margin: 8px 0; min-height: 24px; }
#gantt svg { max-width: none; }
#gantt .gantt-error { color: var(--vscode-editorError-foreground); }
.outbox-item { border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.3)); border-radius: 3px; margin: 8px 0; padding: 6px 10px;
  background: var(--vscode-editorWidget-background); }
.outbox-item .meta { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.outbox-item .title { font-weight: 600; margin: 2px 0; }
.outbox-item pre { white-space: pre-wrap; font-family: var(--vscode-editor-font-family); margin: 4px 0 0; }
`;
