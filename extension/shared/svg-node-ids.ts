/**
 * From an element of Mermaid's SVG back to our node id. Mermaid does not
 * keep the id as written: a flowchart node's element id is
 * `<diagramId>-flowchart-<nodeId>-<counter>` in the Mermaid 12 installed
 * here (plain `flowchart-<nodeId>-<counter>` in older releases), a subgraph's is
 * `<diagramId>-<nodeId>`, and some shapes carry `data-id`. Every candidate
 * is checked against the diagram's own `nodes` map, so a format change
 * makes a node unclickable rather than pointing at the wrong step.
 *
 * Structural types only (no DOM lib): the host's tests run it under jsdom.
 */

export interface ElementLike {
  readonly id: string;
  getAttribute(name: string): string | null;
}

const FLOWCHART_NODE = /^flowchart-(.+)-\d+$/;

export function nodeIdOfElement(el: ElementLike, diagramId: string, known: Readonly<Record<string, unknown>>): string | undefined {
  const has = (id: string | null | undefined): id is string => !!id && Object.hasOwn(known, id);
  const dataId = el.getAttribute('data-id');
  if (has(dataId)) return dataId;
  let id = el.id;
  if (diagramId && id.startsWith(`${diagramId}-`)) id = id.slice(diagramId.length + 1);
  if (has(id)) return id;
  const m = FLOWCHART_NODE.exec(id);
  return m && has(m[1]) ? m[1] : undefined;
}
