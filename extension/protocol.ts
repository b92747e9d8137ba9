/**
 * The typed message protocol between the extension host and its webviews.
 * Both sides import this file (the webview bundles are built from
 * extension/webview/ with the DOM lib), so a message that one side sends and
 * the other does not understand is a compile error, not a silent no-op.
 *
 * Pure types and guards: no `vscode`, no DOM, no Node.
 */
import type { MermaidNode } from '../dsl/mermaid/canvas-writer';

/** The canvas's node table, as the webview receives it. */
export type { MermaidNode };

/** Per-step figures drawn on a canvas node (dry run or live runtime). */
export interface StepCountView {
  reached?: number;
  done?: number;
  skipped?: number;
  failed?: number;
  /** Dry run: still on a timer when the run ended. Runtime: queued on it now. */
  waiting?: number;
  /** Runtime: contacts currently active on the step. */
  active?: number;
  /** Runtime, email steps: what became of their emails (GET /sequences, `email`). */
  email?: EmailFiguresView;
}

/** An email step's figures as the runtime counts them; `opens` only when its open pixel is on. */
export interface EmailFiguresView {
  sent: number;
  delivered: number;
  bounced: number;
  complaints: number;
  unsubscribes: number;
  clicks: number;
  opens: number;
}

/** Counts for the canvas, keyed by sequence id then step id (the canvas maps them to its node ids). */
export interface CanvasCounts {
  source: 'dryRun' | 'runtime';
  /** Shown in the canvas toolbar, e.g. "Dry run: 22 contacts, 30 days". */
  label: string;
  /**
   * The file whose sequences were counted (a dry run's): the canvas shows
   * these counts only while it shows that file. Absent: on every file (the
   * runtime's, counted by sequence id across the workspace).
   */
  fileName?: string;
  bySequence: Record<string, Record<string, StepCountView>>;
}

/** Host → canvas webview. */
export type CanvasHostMessage =
  /** A new diagram; `seq` grows with every render the host asks for, so the webview can drop stale ones. */
  | { type: 'render'; seq: number; text: string; nodes: Record<string, MermaidNode>; fileName: string }
  /** The file does not compile or load: keep the last good diagram, show this banner (null clears it). */
  | { type: 'problem'; seq: number; message: string | null }
  /** The cursor is on this node's step (null: on none). */
  | { type: 'highlight'; nodeId: string | null }
  /** Figures to draw on the nodes; null removes the overlay of that source. */
  | { type: 'counts'; source: CanvasCounts['source']; counts: CanvasCounts | null }
  /** Export: reply with `svg` carrying the same requestId. */
  | { type: 'requestSvg'; requestId: number };

/** Canvas webview → host. */
export type CanvasWebviewMessage =
  | { type: 'ready' }
  | { type: 'nodeClicked'; nodeId: string }
  /** A render finished (or failed); `nodeCount` is the number of step nodes in the SVG. */
  | { type: 'rendered'; seq: number; nodeCount: number; ms: number }
  | { type: 'renderFailed'; seq: number; message: string }
  | { type: 'svg'; requestId: number; svg: string }
  /** The toolbar's Export SVG button: the host runs the same export as the `nudge.exportSvg` command. */
  | { type: 'exportSvg' };

/** One line of a dry run's timeline, ready to show (times already formatted in the contact's zone). */
export interface TimelineRow {
  /** Epoch ms, for sorting and the Gantt chart. */
  at: number;
  /** ISO instant in UTC. */
  utc: string;
  /** Local time in the contact's zone, e.g. "Tue 1 Dec 2026 09:00 EST". */
  local: string;
  contact: string;
  sequence: string;
  path: number;
  step: string;
  kind: string;
  status: string;
  reason?: string;
}

export interface OutboxItemView {
  at: number;
  local: string;
  contact: string;
  sequence: string;
  step: string;
  kind: 'email' | 'fax' | 'letter' | 'httpPost' | string;
  /** One line: subject, URL, letter title. */
  title: string;
  /** Recipient: e-mail address, fax number, postal address or URL. */
  to: string;
  /** Rendered body as plain text (merge fields filled). */
  body: string;
}

export interface DryRunContactView {
  id: string;
  name: string;
  zone: string;
}

/** Everything the dry-run panel shows. */
export interface DryRunView {
  title: string;
  accountZone: string;
  start: string;
  until: string;
  contacts: DryRunContactView[];
  timeline: TimelineRow[];
  outbox: OutboxItemView[];
  counts: CanvasCounts;
  /** Engine notices (bad time zone, missing field...) and contacts-file problems. */
  warnings: string[];
  steps: number;
  ms: number;
}

/** Host → dry-run webview. */
export type DryRunHostMessage =
  | { type: 'running'; title: string }
  | { type: 'result'; view: DryRunView }
  | { type: 'failed'; message: string };

/** Dry-run webview → host. */
export type DryRunWebviewMessage =
  | { type: 'ready' }
  /** Reveal the step of a timeline row in the editor. */
  | { type: 'revealStep'; sequence: string; step: string };

const CANVAS_WEBVIEW_TYPES = new Set(['ready', 'nodeClicked', 'rendered', 'renderFailed', 'svg', 'exportSvg']);
const DRY_RUN_WEBVIEW_TYPES = new Set(['ready', 'revealStep']);

function hasType(value: unknown, types: Set<string>): value is { type: string } {
  return typeof value === 'object' && value !== null && types.has((value as { type?: unknown }).type as string);
}

/** Webviews are another process: check what arrives before trusting its shape. */
export function isCanvasWebviewMessage(value: unknown): value is CanvasWebviewMessage {
  if (!hasType(value, CANVAS_WEBVIEW_TYPES)) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready': return true;
    case 'exportSvg': return true;
    case 'nodeClicked': return typeof m.nodeId === 'string';
    case 'rendered': return typeof m.seq === 'number' && typeof m.nodeCount === 'number' && typeof m.ms === 'number';
    case 'renderFailed': return typeof m.seq === 'number' && typeof m.message === 'string';
    case 'svg': return typeof m.requestId === 'number' && typeof m.svg === 'string';
    default: return false;
  }
}

export function isDryRunWebviewMessage(value: unknown): value is DryRunWebviewMessage {
  if (!hasType(value, DRY_RUN_WEBVIEW_TYPES)) return false;
  const m = value as Record<string, unknown>;
  return m.type === 'ready' || (typeof m.sequence === 'string' && typeof m.step === 'string');
}
