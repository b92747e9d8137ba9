/**
 * The canvas webview's page: its toolbar, banner and drawing area, on the
 * one webview skeleton and CSP (../webview-page.ts).
 */
import { webviewPageHtml, type WebviewScript } from '../webview-page';

export function canvasHtml(script: WebviewScript): string {
  return webviewPageHtml({ ...script, title: 'Nudge canvas', css: CSS, body: BODY });
}

const BODY = `<div id="toolbar" role="toolbar" aria-label="Canvas">
  <button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#x2212;</button>
  <span id="zoom-level" aria-live="polite">100%</span>
  <button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="zoom-fit" title="Fit to window (F)">Fit</button>
  <button id="zoom-reset" title="Actual size (0)">100%</button>
  <button id="export-svg" title="Export the canvas as an SVG file">Export SVG</button>
  <span id="counts-label"></span>
</div>
<div id="problem" role="alert" hidden></div>
<div id="viewport" tabindex="0" aria-label="Sequence canvas: drag to pan, Ctrl+wheel or +/- to zoom">
  <div id="canvas"></div>
  <div id="empty">Waiting for the sequence…</div>
</div>`;

// Colours come from VS Code's theme variables, so light, dark and
// high-contrast themes all read well without a theme switch in our code.
const CSS = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body { display: flex; flex-direction: column; color: var(--vscode-editor-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
#toolbar { display: flex; gap: 4px; align-items: center; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, transparent); flex: none; }
#toolbar button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
  border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 2px 8px; cursor: pointer; font: inherit; white-space: nowrap; flex: none; }
#toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground); }
#toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
#zoom-level { min-width: 3.5em; text-align: center; font-variant-numeric: tabular-nums; }
#counts-label { margin-left: auto; min-width: 0; color: var(--vscode-descriptionForeground); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#problem { flex: none; padding: 6px 10px; white-space: pre-wrap; color: var(--vscode-inputValidation-errorForeground, var(--vscode-editor-foreground));
  background: var(--vscode-inputValidation-errorBackground, rgba(255, 0, 0, 0.15)); border-bottom: 1px solid var(--vscode-inputValidation-errorBorder, red); }
#problem[hidden] { display: none; }
#viewport { position: relative; flex: 1; overflow: hidden; cursor: grab; outline: none; touch-action: none; }
#viewport.panning { cursor: grabbing; }
#viewport:focus-visible { box-shadow: inset 0 0 0 1px var(--vscode-focusBorder); }
#canvas { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
#canvas svg { display: block; overflow: visible; }
#empty { padding: 16px; color: var(--vscode-descriptionForeground); }
body.has-diagram #empty, body.has-problem #empty { display: none; }
#canvas [data-nudge-node] { cursor: pointer; }
#canvas [data-nudge-node]:hover { filter: drop-shadow(0 0 2px var(--vscode-focusBorder)); }
#canvas .nudge-highlight { filter: drop-shadow(0 0 4px var(--vscode-focusBorder)) drop-shadow(0 0 1px var(--vscode-focusBorder)); }
#canvas .nudge-highlight :is(rect, polygon, path, circle, ellipse) { stroke: var(--vscode-focusBorder) !important; stroke-width: 3px !important; }
#canvas .nudge-count { pointer-events: none; }
#canvas .nudge-count rect { fill: var(--vscode-badge-background); stroke: var(--vscode-contrastBorder, none); }
#canvas .nudge-count text { fill: var(--vscode-badge-foreground); font-family: var(--vscode-font-family); font-size: 11px; }
`;
