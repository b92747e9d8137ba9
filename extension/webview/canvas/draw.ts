/**
 * What the webview does to the SVG: have Mermaid draw it, mark the elements
 * that stand for our nodes (`data-node-id` on step nodes, for clicks and the
 * end-to-end tests; `data-nudge-node` on every clickable node), draw count
 * badges, outline the highlighted node and produce the SVG to export.
 */
import mermaid from 'mermaid';
import type { MermaidNode } from '../../protocol';
import { nodeIdOfElement } from '../../shared/svg-node-ids';
import type { Badge } from '../../shared/count-badges';

const SVG_NS = 'http://www.w3.org/2000/svg';
let renders = 0;

/** Mermaid's drawing of `text`, not yet in the page, and the id it prefixed element ids with. */
export async function drawDiagram(text: string): Promise<{ svg: SVGSVGElement; diagramId: string }> {
  // Every render needs an id no other render in the page uses (Mermaid prefixes element ids with it).
  const diagramId = `nudge-canvas-${++renders}`;
  const { svg } = await mermaid.render(diagramId, text);
  const template = document.createElement('template');
  template.innerHTML = svg;
  const el = template.content.querySelector('svg');
  if (!el) throw new Error('Mermaid returned no SVG.');
  naturalSize(el);
  return { svg: el, diagramId };
}

/** Pixel width and height from the viewBox: 100% zoom means the drawing's own size, not the panel's. */
function naturalSize(svg: SVGSVGElement): void {
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (box.length === 4 && box.every(Number.isFinite)) {
    svg.setAttribute('width', String(box[2]));
    svg.setAttribute('height', String(box[3]));
  }
  svg.style.removeProperty('max-width');
}

export function svgSize(svg: SVGSVGElement | null | undefined): { width: number; height: number } | undefined {
  if (!svg) return undefined;
  return { width: Number(svg.getAttribute('width')) || 0, height: Number(svg.getAttribute('height')) || 0 };
}

/** Marks our nodes in Mermaid's SVG; returns how many step nodes it drew. */
export function tagNodes(svg: Element, diagramId: string, nodes: Readonly<Record<string, MermaidNode>>): number {
  let steps = 0;
  for (const el of svg.querySelectorAll('g.node, g.cluster')) {
    const nodeId = nodeIdOfElement(el, diagramId, nodes);
    if (!nodeId) continue;
    const node = nodes[nodeId];
    // A subgraph is clicked by its title only: a click anywhere in the frame would jump to the code too easily.
    const target = el.classList.contains('cluster') ? el.querySelector('.cluster-label') : el;
    target?.setAttribute('data-nudge-node', nodeId);
    if (node.stepId !== undefined) {
      el.setAttribute('data-node-id', nodeId);
      steps++;
    }
  }
  return steps;
}

/** Outlines the node (null: none) and returns its element. */
export function highlightNode(svg: Element, nodeId: string | null): Element | undefined {
  for (const el of svg.querySelectorAll('.nudge-highlight')) el.classList.remove('nudge-highlight');
  if (!nodeId) return undefined;
  const el = svg.querySelector(`g.node[data-nudge-node="${CSS.escape(nodeId)}"]`);
  el?.classList.add('nudge-highlight');
  return el ?? undefined;
}

/** Replaces all count badges: dry-run figures above each node, runtime figures below. */
export function drawBadges(svg: Element, badges: readonly Badge[]): void {
  for (const el of svg.querySelectorAll('.nudge-count')) el.remove();
  for (const b of badges) {
    const node = svg.querySelector(`g.node[data-node-id="${CSS.escape(b.nodeId)}"]`);
    if (node instanceof SVGGraphicsElement && node.parentNode) drawBadge(node, b);
  }
}

function drawBadge(node: SVGGraphicsElement, b: Badge): void {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', `nudge-count nudge-count-${b.source}`);
  g.setAttribute('data-node-id', b.nodeId);
  g.setAttribute('data-source', b.source);
  const rect = document.createElementNS(SVG_NS, 'rect');
  const text = document.createElementNS(SVG_NS, 'text');
  text.textContent = b.text;
  text.setAttribute('text-anchor', 'middle');
  text.setAttribute('y', '12');
  g.append(rect, text);
  if (b.title) {
    // An SVG <title> is the element's tooltip; textContent keeps it text.
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = b.title;
    g.prepend(title);
  }
  // Same parent and transform as the node, so the badge sits in the node's own coordinates.
  node.parentNode!.appendChild(g);
  const box = safeBBox(node);
  const height = 16;
  const width = (safeTextLength(text) || b.text.length * 6.2) + 12;
  rect.setAttribute('x', String(-width / 2));
  rect.setAttribute('width', String(width));
  rect.setAttribute('height', String(height));
  rect.setAttribute('rx', '8');
  const y = b.source === 'dryRun' ? box.y - height - 4 : box.y + box.height + 4;
  g.setAttribute('transform', `${node.getAttribute('transform') ?? ''} translate(0, ${y})`.trim());
}

function safeBBox(el: SVGGraphicsElement): { y: number; height: number } {
  try {
    const b = el.getBBox();
    if (b.height > 0) return b;
  } catch { /* not laid out (hidden panel): fall through */ }
  return { y: -20, height: 40 };
}

function safeTextLength(el: SVGTextElement): number {
  try { return el.getComputedTextLength(); } catch { return 0; }
}

/** The SVG as a standalone file: no highlight or badges, and the editor's background so it reads anywhere. */
export function exportableSvg(svg: SVGSVGElement, background: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const el of copy.querySelectorAll('.nudge-count')) el.remove();
  for (const el of copy.querySelectorAll('.nudge-highlight')) el.classList.remove('nudge-highlight');
  if (background) copy.style.backgroundColor = background;
  copy.setAttribute('xmlns', SVG_NS);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}
