/**
 * The real Mermaid, drawing (not only parsing) in jsdom, so the tests see
 * the element ids the webview will see. jsdom has no layout: text boxes get
 * a size from their length and the constructable stylesheet Mermaid builds
 * its CSS with is a small stand-in. Positions are meaningless; ids and
 * classes are Mermaid's own.
 */
import { createRequire } from 'node:module';

type MermaidApi = {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
};
type JsdomWindow = Record<string, unknown> & { document: { body: { innerHTML: string; querySelector(s: string): unknown } } };
type JsdomModule = { JSDOM: new (html: string, options?: object) => { window: JsdomWindow } };

let loading: Promise<{ mermaid: MermaidApi; window: JsdomWindow }> | undefined;

async function load() {
  const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const g = globalThis as Record<string, unknown>;
  g.window = window;
  g.document = window.document;
  g.CSSStyleSheet = class {
    cssRules: Array<{ cssText: string }> = [];
    insertRule(rule: string, index: number) { this.cssRules.splice(index, 0, { cssText: rule }); return index; }
  };
  const svgProto = (window.SVGElement as { prototype: Record<string, unknown> }).prototype;
  svgProto.getBBox = function (this: { textContent: string | null }) {
    return { x: 0, y: 0, width: 7 * (this.textContent ?? '').length + 10, height: 20 };
  };
  svgProto.getComputedTextLength = function (this: { textContent: string | null }) { return 7 * (this.textContent ?? '').length; };
  const { default: mermaid } = await import('mermaid');
  // The webview's settings that matter for ids and sanitising.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'base', look: 'classic', suppressErrorRendering: true, flowchart: { htmlLabels: true, useMaxWidth: false } });
  return { mermaid: mermaid as unknown as MermaidApi, window };
}

/** Draws `text` with id `diagramId` and returns the jsdom element of the SVG, placed in the page's body. */
export async function drawInJsdom(diagramId: string, text: string) {
  loading ??= load();
  const { mermaid, window } = await loading;
  const { svg } = await mermaid.render(diagramId, text);
  window.document.body.innerHTML = svg;
  return window.document.body.querySelector('svg') as {
    querySelectorAll(selector: string): Iterable<{ id: string; getAttribute(n: string): string | null; classList: { contains(c: string): boolean } }>;
  };
}
