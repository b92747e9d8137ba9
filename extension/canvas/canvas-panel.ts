/**
 * The one canvas panel (`nudge.canvas`): shows the Mermaid canvas of one
 * sequence file beside its editor and keeps it in step with the text, the
 * cursor and the counts. The decisions live in `HostPreviewState`; this
 * class only connects them to VS Code. Messages are posted only while the
 * webview is loaded; one that (re)loads says `ready` and gets a replay.
 */
import * as vscode from 'vscode';
import type { SequenceAnalysis } from '../analysis/analysis';
import type { SequenceAnalyzer } from '../analysis/sequence-analyzer';
import { codeColumnOf, panelColumn, revealColumn, trackPanel } from '../editor/panel-columns';
import { revealSource } from '../editor/reveal-source';
import { StepCallIndex } from '../language/step-ranges';
import { isCanvasWebviewMessage, type CanvasCounts, type CanvasHostMessage, type CanvasWebviewMessage } from '../protocol';
import { canvasHtml } from './canvas-html';
import { exportCanvasSvg, type SvgSource } from './export-svg';
import { HostPreviewState } from '../shared/preview-state';
import { nodeAtOffset, sourceOfNode } from './step-nodes';

export const CANVAS_VIEW_TYPE = 'nudge.canvas';
const CONTEXT_KEY = 'nudge.canvasOpen';

export class CanvasPanel implements SvgSource {
  static current: CanvasPanel | undefined;

  /**
   * Opens the canvas beside the editor (focus stays in the editor; not over
   * the dry-run panel: see editor/panel-columns.ts), or points the open one at `document`.
   */
  static createOrShow(extensionUri: vscode.Uri, analyzer: SequenceAnalyzer, document: vscode.TextDocument, counts: ReadonlyMap<CanvasCounts['source'], CanvasCounts>): CanvasPanel {
    const codeColumn = codeColumnOf(document.uri);
    if (CanvasPanel.current) {
      CanvasPanel.current.panel.reveal(revealColumn('canvas', CanvasPanel.current.panel, codeColumn), true);
      CanvasPanel.current.show(document);
      return CanvasPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(CANVAS_VIEW_TYPE, 'Canvas', { viewColumn: panelColumn('canvas', codeColumn), preserveFocus: true }, webviewOptions(extensionUri));
    return new CanvasPanel(panel, extensionUri, analyzer, document, counts);
  }

  /** A panel VS Code restored after a reload (the serializer found its file, or not). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, analyzer: SequenceAnalyzer, document: vscode.TextDocument | undefined, counts: ReadonlyMap<CanvasCounts['source'], CanvasCounts>): CanvasPanel {
    CanvasPanel.current?.dispose(); // only one canvas: the restored one wins
    panel.webview.options = webviewOptions(extensionUri);
    return new CanvasPanel(panel, extensionUri, analyzer, document, counts);
  }

  private readonly state = new HostPreviewState();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedEmitter = new vscode.EventEmitter<number>();
  /** Fires with the seq of each render the webview has drawn. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly svgRequests = new Map<number, (svg: string) => void>();
  private nextRequest = 1;
  private ready = false;
  private document: vscode.TextDocument | undefined;
  /** The column of the shown file's editor when it was shown: a clicked node's code opens there if it is not in sight. */
  private codeColumn: number | undefined;
  /** The last analysis that had a diagram: clicks and the cursor are mapped with it. */
  private good: SequenceAnalysis | undefined;
  private seen: SequenceAnalysis | undefined;
  private index: { version: number; index: StepCallIndex } | undefined;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly analyzer: SequenceAnalyzer,
    document: vscode.TextDocument | undefined,
    counts: ReadonlyMap<CanvasCounts['source'], CanvasCounts>,
  ) {
    CanvasPanel.current = this;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, true);
    for (const [source, c] of counts) this.state.setCounts(source, c);
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'canvas.js'));
    panel.webview.html = canvasHtml({ cspSource: panel.webview.cspSource, scriptUri: script.toString() });
    this.disposables.push(
      this.renderedEmitter,
      trackPanel('canvas', panel),
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => { if (isCanvasWebviewMessage(m)) this.received(m); }),
      // A hidden webview is unloaded (no retainContextWhenHidden: Mermaid's memory is freed); it says `ready` again when shown.
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
    );
    if (document) this.show(document);
  }

  get fileName(): string | undefined {
    return this.document?.fileName;
  }

  /** Shows `document`'s canvas (no-op when it already does). */
  show(document: vscode.TextDocument): void {
    if (this.document?.uri.toString() === document.uri.toString()) return;
    this.document = document;
    this.codeColumn = codeColumnOf(document.uri);
    this.good = this.seen = this.index = undefined;
    this.panel.title = `Canvas: ${document.fileName.split(/[\\/]/).pop()}`;
    const latest = this.analyzer.latest(document.uri);
    const fresh = latest && latest.version === document.version ? latest : undefined;
    this.remember(fresh);
    this.post(this.state.switchFile(document.fileName, fresh));
    this.updateHighlight();
    if (!fresh) {
      // The result also arrives through onDidAnalyze when it is computed now; `seen` stops a double render.
      void this.analyzer.analyze(document).then((a) => { if (a !== this.seen) this.analysed(a); }, () => undefined);
    }
  }

  /** Every analysis result; only the shown file's count. */
  analysed(a: SequenceAnalysis): void {
    if (!this.document || a.uri !== this.document.uri.toString()) return;
    this.remember(a);
    this.post(this.state.analysed(a));
    this.updateHighlight();
  }

  private remember(a: SequenceAnalysis | undefined): void {
    this.seen = a;
    if (a?.diagram && !a.problem) this.good = a;
  }

  /** Outlines the node of the step under the cursor of the shown file's editor. */
  updateHighlight(editor = this.editor()): void {
    if (!editor || editor.document.uri.toString() !== this.document?.uri.toString()) return;
    const doc = editor.document;
    let nodeId: string | null = null;
    if (this.good?.diagram) {
      if (this.index?.version !== doc.version) this.index = { version: doc.version, index: new StepCallIndex(doc.getText(), doc.fileName) };
      nodeId = nodeAtOffset({ text: doc.getText(), offset: doc.offsetAt(editor.selection.active), fileName: doc.fileName, sequences: this.good.sequences, nodes: this.good.diagram.nodes, index: this.index.index });
    }
    this.post(this.state.highlight(nodeId));
  }

  private editor(): vscode.TextEditor | undefined {
    const uri = this.document?.uri.toString();
    const active = vscode.window.activeTextEditor;
    return active?.document.uri.toString() === uri ? active : vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  }

  setCounts(source: CanvasCounts['source'], counts: CanvasCounts | null): void {
    this.post(this.state.setCounts(source, counts));
  }

  private received(m: CanvasWebviewMessage): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.post(this.state.replay());
        break;
      case 'nodeClicked': {
        const node = this.good?.diagram?.nodes[m.nodeId];
        const source = node && sourceOfNode(node, this.good!.sequences);
        if (source) void revealSource(source, this.codeColumn).then(undefined, (err: unknown) => vscode.window.showErrorMessage(`Nudge could not open the step: ${String(err)}`));
        break;
      }
      case 'rendered':
        this.state.rendered(m.seq, m.nodeCount);
        this.renderedEmitter.fire(m.seq);
        break;
      case 'renderFailed':
        break; // the webview shows it on its banner and keeps the last diagram
      case 'svg':
        this.svgRequests.get(m.requestId)?.(m.svg);
        this.svgRequests.delete(m.requestId);
        break;
      case 'exportSvg':
        void exportCanvasSvg(this); // shows its own errors (file and cause): nothing awaits this
        break;
    }
  }

  /** The drawn SVG ('' when nothing is drawn); reveals the panel first when hidden, since a hidden webview is unloaded. */
  async requestSvg(timeoutMs = 10_000): Promise<string> {
    if (!this.panel.visible || !this.ready) {
      const drawn = new Promise<void>((resolve) => { const d = this.onDidRender(() => { d.dispose(); resolve(); }); });
      this.panel.reveal(undefined, true);
      await Promise.race([drawn, delay(timeoutMs)]);
    }
    const requestId = this.nextRequest++;
    const reply = new Promise<string>((resolve) => this.svgRequests.set(requestId, resolve));
    this.post([{ type: 'requestSvg', requestId }]);
    const svg = await Promise.race([reply, delay(timeoutMs).then(() => '')]);
    this.svgRequests.delete(requestId);
    return svg;
  }

  private post(messages: CanvasHostMessage[]): void {
    if (!this.ready) return; // replayed on `ready`
    for (const m of messages) void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    if (CanvasPanel.current === this) {
      CanvasPanel.current = undefined;
      void vscode.commands.executeCommand('setContext', CONTEXT_KEY, false);
    }
    for (const resolve of this.svgRequests.values()) resolve('');
    this.svgRequests.clear();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
