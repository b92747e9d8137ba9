/**
 * The "Dry Run: <file>" webview panel: one at a time, reused by every run,
 * in a column of its own beside the code and the canvas (see
 * editor/panel-columns.ts), so the canvas's dry-run counts stay in sight. It remembers the last message it was given, so a
 * webview that reloads (hidden and shown again) gets the run back when it
 * says 'ready' instead of staying empty.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { panelColumn, revealColumn, trackPanel } from '../editor/panel-columns';
import { isDryRunWebviewMessage, type DryRunHostMessage, type DryRunWebviewMessage } from '../protocol';
import { dryRunHtml } from './dry-run-html';

export class DryRunPanel implements vscode.Disposable {
  static readonly viewType = 'nudge.dryRun';
  private static current: DryRunPanel | undefined;

  private last: DryRunHostMessage | undefined;
  private ready = false;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * The panel, created or revealed next to the code (in `codeColumn`, if it
   * is in sight) and the canvas, covering neither; `onMessage` handles what
   * the webview sends, `onClose` runs once when the panel is closed.
   */
  static createOrShow(extensionPath: string, fileTitle: string, onMessage: (m: DryRunWebviewMessage) => void, codeColumn?: number, onClose?: () => void): DryRunPanel {
    const existing = DryRunPanel.current;
    if (existing) {
      existing.panel.title = `Dry Run: ${fileTitle}`;
      existing.onMessage = onMessage;
      existing.onClose = onClose;
      existing.panel.reveal(revealColumn('dryRun', existing.panel, codeColumn), true);
      return existing;
    }
    const webviewRoot = vscode.Uri.file(path.join(extensionPath, 'dist', 'webview'));
    const panel = vscode.window.createWebviewPanel(DryRunPanel.viewType, `Dry Run: ${fileTitle}`, { viewColumn: panelColumn('dryRun', codeColumn), preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [webviewRoot],
    });
    DryRunPanel.current = new DryRunPanel(panel, webviewRoot, onMessage, onClose);
    return DryRunPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    webviewRoot: vscode.Uri,
    private onMessage: (m: DryRunWebviewMessage) => void,
    private onClose: (() => void) | undefined,
  ) {
    const webview = panel.webview;
    webview.html = dryRunHtml({ cspSource: webview.cspSource, scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'dry-run.js')).toString() });
    this.disposables.push(
      trackPanel('dryRun', panel),
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((m: unknown) => {
        if (!isDryRunWebviewMessage(m)) return; // another process: ignore what does not fit the protocol
        if (m.type === 'ready') {
          this.ready = true;
          if (this.last) void webview.postMessage(this.last);
        }
        this.onMessage(m);
      }),
    );
  }

  /** Shows a state: sent now if the page is listening, else when it says 'ready'. */
  post(message: DryRunHostMessage): void {
    if (this.disposed) return; // closed while the run went on: the user no longer wants to see it
    this.last = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Closed (by the user or on deactivate): a run still going shows its result nowhere. */
  get closed(): boolean {
    return this.disposed;
  }

  static disposeCurrent(): void {
    DryRunPanel.current?.dispose();
  }

  dispose(): void {
    if (this.disposed) return; // panel.dispose() fires onDidDispose, which comes back here
    this.disposed = true;
    if (DryRunPanel.current === this) DryRunPanel.current = undefined;
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
    this.onClose?.();
  }
}
