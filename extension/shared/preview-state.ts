/**
 * The canvas preview's decisions, with no vscode and no DOM, so they can be
 * unit-tested keystroke by keystroke:
 *
 * - `HostPreviewState` (extension host): analysis results in, messages to
 *   post out. It remembers the last good diagram so a file that stops
 *   compiling keeps its canvas (with a banner), and can replay everything to
 *   a webview that has just (re)loaded.
 * - `ViewPreviewState` (webview): which Mermaid renders to start, which
 *   finished ones to show (Mermaid renders asynchronously, so an older
 *   render may finish after a newer one) and what the banner says.
 */
import type { CanvasCounts, CanvasHostMessage, MermaidNode } from '../protocol';

type RenderMessage = Extract<CanvasHostMessage, { type: 'render' }>;
type ProblemMessage = Extract<CanvasHostMessage, { type: 'problem' }>;

/** The part of a `SequenceAnalysis` the preview looks at. */
export interface PreviewInput {
  fileName: string;
  diagram: { text: string; nodes: Record<string, MermaidNode> } | null;
  problem: { message: string; source?: { file: string; line: number; column: number } } | null;
}

/** "message (line 3)" for the banner; the file is named when the problem is in another one (an import). */
export function problemText(problem: NonNullable<PreviewInput['problem']>, fileName: string): string {
  const src = problem.source;
  if (!src) return problem.message;
  const where = src.file === fileName ? `line ${src.line}` : `${src.file.split(/[\\/]/).pop()}:${src.line}`;
  return `${problem.message} (${where})`;
}

export class HostPreviewState {
  /** Grows with every render and problem posted: the webview orders them by it. */
  private seq = 0;
  private lastRender: RenderMessage | undefined;
  private problem: ProblemMessage | undefined;
  private readonly counts = new Map<CanvasCounts['source'], CanvasCounts>();
  /** The file shown: counts tied to another file (a dry run of it) stay off the canvas. */
  private fileName: string | undefined;
  private highlighted: string | null = null;
  /** Seq and node count of the last render the webview acknowledged as drawn. */
  drawn: { seq: number; nodeCount: number } | undefined;

  /** Nodes of the diagram on screen (the last good one). */
  get nodes(): Record<string, MermaidNode> {
    return this.lastRender?.nodes ?? {};
  }

  /** A fresh analysis of the shown file: a render, or a banner over the last good diagram. */
  analysed(input: PreviewInput): CanvasHostMessage[] {
    if (input.problem || !input.diagram) {
      const message = input.problem ? problemText(input.problem, input.fileName) : 'The file exports no sequence.';
      this.problem = { type: 'problem', seq: ++this.seq, message };
      return [this.problem];
    }
    this.problem = undefined; // the webview clears its banner when this render lands
    this.lastRender = { type: 'render', seq: ++this.seq, text: input.diagram.text, nodes: input.diagram.nodes, fileName: input.fileName };
    return [this.lastRender];
  }

  /**
   * Another file is shown. Unless its analysis is at hand with a diagram, an
   * empty render (text '') clears the previous file's canvas, so a banner
   * never sits over another file's diagram. Seq keeps growing, so renders
   * of the old file still in flight stay stale.
   */
  switchFile(fileName: string, input?: PreviewInput): CanvasHostMessage[] {
    const before = this.fileName;
    this.fileName = fileName;
    this.lastRender = undefined;
    this.problem = undefined;
    this.drawn = undefined;
    this.highlighted = null;
    const out: CanvasHostMessage[] = [{ type: 'highlight', nodeId: null }];
    if (!input?.diagram || input.problem) {
      this.lastRender = { type: 'render', seq: ++this.seq, text: '', nodes: {}, fileName };
      out.push(this.lastRender);
    }
    if (input) out.push(...this.analysed(input));
    // Counts of one file's run: on when that file comes, off when it goes.
    for (const [source, counts] of this.counts) {
      if (counts.fileName !== undefined && (counts.fileName === fileName) !== (counts.fileName === before)) out.push({ type: 'counts', source, counts: this.onCanvas(counts) });
    }
    return out;
  }

  /** The cursor moved; a message only when the highlighted node changes. */
  highlight(nodeId: string | null): CanvasHostMessage[] {
    if (nodeId === this.highlighted) return [];
    this.highlighted = nodeId;
    return [{ type: 'highlight', nodeId }];
  }

  /** New counts of a source (null: none); those of a file not shown are kept for it and cleared from the canvas. */
  setCounts(source: CanvasCounts['source'], counts: CanvasCounts | null): CanvasHostMessage[] {
    if (counts) this.counts.set(source, counts);
    else this.counts.delete(source);
    return [{ type: 'counts', source, counts: counts && this.onCanvas(counts) }];
  }

  /** The counts if they belong on the shown file's canvas, else null. */
  private onCanvas(counts: CanvasCounts): CanvasCounts | null {
    return counts.fileName === undefined || counts.fileName === this.fileName ? counts : null;
  }

  /** The webview finished drawing `seq` (acks for renders it dropped never come). */
  rendered(seq: number, nodeCount: number): void {
    if (!this.drawn || seq >= this.drawn.seq) this.drawn = { seq, nodeCount };
  }

  /** Everything a webview that has just loaded needs, as fresh messages. */
  replay(): CanvasHostMessage[] {
    const out: CanvasHostMessage[] = [];
    if (this.lastRender) out.push((this.lastRender = { ...this.lastRender, seq: ++this.seq }));
    if (this.problem) out.push((this.problem = { ...this.problem, seq: ++this.seq }));
    for (const [source, counts] of this.counts) if (this.onCanvas(counts)) out.push({ type: 'counts', source, counts });
    if (this.highlighted) out.push({ type: 'highlight', nodeId: this.highlighted });
    return out;
  }
}

/** What the webview should do with a render that finished. */
export type RenderOutcome = 'show' | 'drop';

export class ViewPreviewState {
  /** The newest render message started. */
  newest: RenderMessage | undefined;
  /** Seq of the diagram on screen (0: none yet). */
  shownSeq = 0;
  /** The banner: a load problem or a Mermaid error, and the seq it belongs to. */
  banner: { seq: number; message: string } | null = null;
  private readonly started = new Map<number, RenderMessage>();
  private shown: RenderMessage | undefined;
  private failedSeq = 0;
  /** Mermaid is drawing; at most one more text waits. */
  private busy = false;
  private waiting: RenderMessage | undefined;

  /**
   * A render message arrived. Drawn now if Mermaid is idle; otherwise it
   * waits, replacing any text already waiting (typing faster than Mermaid
   * draws a long sequence must not build a queue of outdated drawings).
   * Dropped when a newer one has already arrived. `redraw` (a theme
   * change) may draw the shown diagram again.
   */
  offer(message: RenderMessage, redraw = false): 'start' | 'wait' | 'drop' {
    if (!redraw && this.newest && message.seq < this.newest.seq) return 'drop';
    if (!this.newest || message.seq >= this.newest.seq) this.newest = message;
    if (this.busy) {
      this.waiting = message;
      return 'wait';
    }
    this.busy = true;
    this.started.set(message.seq, message);
    return 'start';
  }

  /** After a render ends (shown, dropped or failed): the text that waited, to `offer(next, true)` now. */
  next(): RenderMessage | undefined {
    this.busy = false;
    const message = this.waiting;
    this.waiting = undefined;
    return message;
  }

  /** Mermaid finished `seq`: show it unless a newer diagram is already on screen. */
  renderDone(seq: number): RenderOutcome {
    const message = this.started.get(seq);
    this.started.delete(seq);
    if (seq < this.shownSeq) return 'drop';
    this.shownSeq = seq;
    this.shown = message ?? this.shown;
    // A banner from before this text is out of date; one about a newer text stays.
    if (this.banner && this.banner.seq < seq) this.banner = null;
    return 'show';
  }

  /** Mermaid rejected `seq`: the last diagram stays; say why unless something newer is shown. */
  renderFailed(seq: number, message: string): RenderOutcome {
    this.started.delete(seq);
    if (seq < this.shownSeq || (this.newest && seq < this.newest.seq)) return 'drop';
    this.failedSeq = seq;
    this.setBanner(seq, `The canvas could not be drawn: ${message}`);
    return 'show';
  }

  /** After a theme change, what to draw again: the newest text, unless Mermaid rejected it (then the one on screen). */
  redraw(): RenderMessage | undefined {
    return this.newest && this.newest.seq !== this.failedSeq ? this.newest : this.shown;
  }

  /** The host's problem message (null message: clear). */
  problem(seq: number, message: string | null): void {
    if (message === null) this.banner = null;
    else this.setBanner(seq, message);
  }

  private setBanner(seq: number, message: string): void {
    if (!this.banner || seq >= this.banner.seq) this.banner = { seq, message };
  }
}
