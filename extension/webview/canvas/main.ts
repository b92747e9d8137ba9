/**
 * The canvas webview: draws the host's Mermaid text (one drawing at a time,
 * only the newest waiting text next; see ViewPreviewState), keeps the last
 * good diagram under a banner when the file breaks, and sends clicks back
 * to the host. Runs in a sandboxed
 * iframe with a strict CSP; Mermaid is bundled into this script.
 */
import mermaid from 'mermaid';
import { badgesFor } from '../../shared/count-badges';
import { ViewPreviewState } from '../../shared/preview-state';
import type { CanvasCounts, CanvasHostMessage, CanvasWebviewMessage, MermaidNode } from '../../protocol';
import { drawBadges, drawDiagram, exportableSvg, highlightNode, svgSize, tagNodes } from './draw';
import { mermaidConfig, watchTheme } from './theme';
import { PanZoom, type ZoomState } from './zoom';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };

/** What survives a reload of the webview (hidden panel, window reload): read by the host's serializer too. */
interface SavedState { fileName?: string; zoom?: ZoomState }

const vscode = acquireVsCodeApi();
const post = (m: CanvasWebviewMessage) => vscode.postMessage(m);
const saved: SavedState = (vscode.getState() as SavedState | undefined) ?? {};
const save = (patch: Partial<SavedState>) => vscode.setState(Object.assign(saved, patch));

const byId = (id: string) => document.getElementById(id)!;
const viewport = byId('viewport');
const canvas = byId('canvas');
const banner = byId('problem');
const countsLabel = byId('counts-label');
const zoomLevel = byId('zoom-level');

const view = new ViewPreviewState();
/** The diagram on screen. */
let shown: { text: string; nodes: Record<string, MermaidNode>; svg: SVGSVGElement; theme: number } | undefined;
const counts = new Map<CanvasCounts['source'], CanvasCounts>();
let highlighted: string | null = null;
/** The file whose diagram is on screen (a reloaded webview keeps its zoom for the same file). */
let shownFile = saved.fileName;
/** Bumped on theme changes: a diagram drawn under an older theme is redrawn even if its text is the same. */
let theme = 0;

const zoom = new PanZoom(viewport, canvas, () => svgSize(shown?.svg), (z) => {
  zoomLevel.textContent = `${Math.round(z.scale * 100)}%`;
  save({ zoom: { ...z } });
});
if (saved.zoom) zoom.set(saved.zoom);

mermaid.initialize(mermaidConfig());
watchTheme(() => {
  theme++;
  mermaid.initialize(mermaidConfig());
  const again = view.redraw();
  if (again) void render(again, true);
});

window.addEventListener('message', (e: MessageEvent<CanvasHostMessage>) => {
  const m = e.data;
  switch (m.type) {
    case 'render': void render(m); break;
    case 'problem': view.problem(m.seq, m.message); showBanner(); break;
    case 'highlight': highlighted = m.nodeId; applyHighlight(true); break;
    case 'counts':
      if (m.counts) counts.set(m.source, m.counts);
      else counts.delete(m.source);
      applyCounts();
      break;
    case 'requestSvg': {
      const background = getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim();
      post({ type: 'svg', requestId: m.requestId, svg: shown ? exportableSvg(shown.svg, background) : '' });
      break;
    }
  }
});

async function render(m: RenderMessage, redraw = false): Promise<void> {
  if (view.offer(m, redraw) !== 'start') return;
  try {
    await draw(m);
  } finally {
    const next = view.next();
    if (next) void render(next, true);
  }
}

/** Draws one text (Mermaid is idle: `view.offer` said so). */
async function draw(m: RenderMessage): Promise<void> {
  save({ fileName: m.fileName });
  const started = performance.now();
  // Empty text: another file is shown and has no diagram yet; never leave the previous file's canvas up.
  if (m.text === '') {
    if (view.renderDone(m.seq) === 'show') clear(m, started);
    return;
  }
  // Typing in a comment or a string the canvas does not show: nothing to redraw, only acknowledge.
  if (shown && shown.text === m.text && shown.theme === theme) {
    if (view.renderDone(m.seq) === 'show') finish(m, { ...shown, nodes: m.nodes }, started);
    return;
  }
  const drawnTheme = theme;
  try {
    const { svg, diagramId } = await drawDiagram(m.text);
    if (view.renderDone(m.seq) === 'drop') return;
    // A new file (or the first diagram with no zoom saved) starts fitted (or readable from its start); a new text of the same file keeps the view.
    const refit = shownFile !== m.fileName || (!shown && !saved.zoom);
    canvas.replaceChildren(svg);
    finish(m, { text: m.text, nodes: m.nodes, svg, theme: drawnTheme }, started, diagramId);
    if (refit) zoom.initial();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (view.renderFailed(m.seq, message) === 'show') showBanner();
    post({ type: 'renderFailed', seq: m.seq, message });
  }
}

type RenderMessage = Extract<CanvasHostMessage, { type: 'render' }>;

function finish({ seq, fileName }: RenderMessage, next: NonNullable<typeof shown>, started: number, diagramId?: string): void {
  const nodeCount = diagramId !== undefined
    ? tagNodes(next.svg, diagramId, next.nodes)
    : next.svg.querySelectorAll('g.node[data-node-id]').length;
  shown = next;
  shownFile = fileName;
  document.body.classList.add('has-diagram');
  document.body.dataset.renderSeq = String(seq);
  applyCounts();
  applyHighlight(false);
  showBanner();
  post({ type: 'rendered', seq, nodeCount, ms: Math.round(performance.now() - started) });
}

function clear({ seq, fileName }: RenderMessage, started: number): void {
  canvas.replaceChildren();
  shown = undefined;
  shownFile = fileName;
  document.body.classList.remove('has-diagram');
  document.body.dataset.renderSeq = String(seq);
  showBanner();
  post({ type: 'rendered', seq, nodeCount: 0, ms: Math.round(performance.now() - started) });
}

function showBanner(): void {
  // textContent, never innerHTML: the message quotes the author's code.
  banner.textContent = view.banner?.message ?? '';
  banner.hidden = !view.banner;
  document.body.classList.toggle('has-problem', !!view.banner);
}

function applyCounts(): void {
  const all = [...counts.values()];
  countsLabel.textContent = all.map((c) => c.label).join('  ·  ');
  if (shown) drawBadges(shown.svg, all.flatMap((c) => badgesFor(c, shown!.nodes)));
}

function applyHighlight(scroll: boolean): void {
  if (!shown) return;
  const el = highlightNode(shown.svg, highlighted);
  if (el && scroll) zoom.ensureVisible(el);
}

canvas.addEventListener('click', (e) => {
  const el = (e.target as Element | null)?.closest('[data-nudge-node]');
  const nodeId = el?.getAttribute('data-nudge-node');
  if (nodeId) post({ type: 'nodeClicked', nodeId });
});

byId('zoom-in').addEventListener('click', () => zoom.zoomIn());
byId('zoom-out').addEventListener('click', () => zoom.zoomOut());
byId('zoom-fit').addEventListener('click', () => zoom.fit());
byId('zoom-reset').addEventListener('click', () => zoom.actualSize());
byId('export-svg').addEventListener('click', () => post({ type: 'exportSvg' }));

window.addEventListener('keydown', (e) => {
  // Modified keys belong to VS Code (Ctrl+= zooms the whole window, for one).
  if (e.ctrlKey || e.metaKey || e.altKey || (e.target as Element | null)?.closest('input, textarea')) return;
  const action = { '+': zoom.zoomIn, '=': zoom.zoomIn, '-': zoom.zoomOut, _: zoom.zoomOut, '0': zoom.actualSize, f: zoom.fit, F: zoom.fit }[e.key];
  if (!action) return;
  e.preventDefault();
  action.call(zoom);
});

post({ type: 'ready' });
