/**
 * Accumulates one diagram: statements in order, the node map an editor uses
 * to go from a clicked node back to its step, and which nodes carry which
 * class. Everything is emitted in insertion order, so the same IR always
 * gives the same text (golden files depend on it).
 */
import type { NodeClass, NodeKind } from './shapes';
import { CLASS_DEFS, CLASS_ORDER, classOf, nodeStatement, subgraphStatement } from './shapes';
import { NodeIdRegistry } from './node-ids';
import type { MermaidOptions } from './options';
import { oneLine, truncate } from './text';

/** What a node of the diagram stands for. */
export interface MermaidNode {
  sequenceId: string;
  /** Set on step nodes: the step's id, as in the IR. */
  stepId?: string;
  /** A step kind (`email`, `delay`, `note` for applyNote...) or `sequence`, `start`, `startGoal`, `stopGoal`, `canvasNote`. */
  kind: NodeKind;
  /** Start nodes: which start path (`PathIR.index`). */
  pathIndex?: number;
  /** Note nodes: the note's id. */
  noteId?: string;
  /** Goal nodes: position in `startOn` or `stopOn`. */
  goalIndex?: number;
  /** The label as a reader sees it (unescaped; lines joined with `\n`). */
  label: string;
}

export type NodeInfo = Omit<MermaidNode, 'kind' | 'label'>;

const INDENT = '  ';

export class CanvasWriter {
  readonly ids = new NodeIdRegistry();
  readonly nodes: Record<string, MermaidNode> = {};
  private readonly statements: string[] = [];
  private readonly members = new Map<NodeClass, string[]>();
  private depth = 1;

  constructor(readonly options: Required<MermaidOptions>) {}

  /** A statement without user text (links, `end`). */
  raw(statement: string): void {
    this.statements.push(INDENT.repeat(this.depth) + statement);
  }

  /** One label line, cleaned and shortened; never empty, since Mermaid rejects `[""]`. */
  private fit(text: string, maxLength = this.options.maxLabelLength): string {
    const clean = oneLine(text);
    return clean === '' ? '(empty)' : truncate(clean, maxLength);
  }

  /**
   * Declares a node with its label lines (each at most `maxLength`) and
   * records it in the node map.
   */
  node(id: string, kind: Exclude<NodeKind, 'sequence'>, labelLines: string[], info: NodeInfo, maxLength?: number): void {
    const lines = (labelLines.length === 0 ? [''] : labelLines).map((l) => this.fit(l, maxLength));
    const cls = classOf(kind);
    this.raw(nodeStatement(id, cls, lines));
    this.nodes[id] = { ...info, kind, label: lines.join('\n') };
    const list = this.members.get(cls) ?? [];
    list.push(id);
    this.members.set(cls, list);
  }

  /** Opens a sequence's frame; `close()` ends it. */
  open(id: string, title: string, info: NodeInfo): void {
    const label = this.fit(title);
    this.raw(subgraphStatement(id, label));
    this.nodes[id] = { ...info, kind: 'sequence', label };
    this.depth += 1;
  }

  close(): void {
    this.depth -= 1;
    this.raw('end');
  }

  /** The whole diagram: header, statements, then colours and class assignments. */
  text(): string {
    const out = ['flowchart LR', ...this.statements];
    for (const cls of CLASS_ORDER) out.push(`${INDENT}classDef ${cls} ${CLASS_DEFS[cls]}`);
    for (const cls of CLASS_ORDER) {
      const ids = this.members.get(cls);
      if (ids) out.push(`${INDENT}class ${ids.join(',')} ${cls}`);
    }
    return out.join('\n') + '\n';
  }
}
