/** Small readers of a rendered diagram, so the tests assert what a user sees. */
import type { MermaidDiagram } from '../../dsl/mermaid';

/** The statement that declares node `id` (`id["label"]`, any shape). */
export function statementOf(text: string, id: string): string {
  const line = text.split('\n').find((l) => l.trimStart().startsWith(id) && /^[[({>]/.test(l.trimStart().slice(id.length)));
  if (line === undefined) throw new Error(`No node statement for ${id} in:\n${text}`);
  return line.trim();
}

/** The class a node is assigned by the `class a,b name` lines. */
export function classOfNode(text: string, id: string): string | undefined {
  for (const line of text.split('\n')) {
    const m = /^\s*class (\S+) (\w+)$/.exec(line);
    if (m && m[1].split(',').includes(id)) return m[2];
  }
  return undefined;
}

/** Node id of the step `stepId` (exactly one). */
export function nodeOfStep(d: MermaidDiagram, stepId: string): string {
  const ids = Object.entries(d.nodes).filter(([, n]) => n.stepId === stepId).map(([id]) => id);
  if (ids.length !== 1) throw new Error(`Expected one node for step ${stepId}, found ${ids.length}`);
  return ids[0];
}

/** Visible label of the step `stepId`. */
export const labelOfStep = (d: MermaidDiagram, stepId: string) => d.nodes[nodeOfStep(d, stepId)].label;

/** `{a --> b}` links as pairs. */
export function links(text: string): Array<[string, string, string]> {
  return text.split('\n').flatMap((l) => {
    const m = /^\s*(\w+) (-->|-\.->) (\w+)$/.exec(l);
    return m ? [[m[1], m[2], m[3]] as [string, string, string]] : [];
  });
}
