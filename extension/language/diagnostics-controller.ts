/**
 * The Problems panel for sequence files, as they are edited (debounced, not
 * only on save): TypeScript's errors from the warm type checker, and Nudge's
 * rules from the shared analysis, each placed on the step's source range.
 * The two halves arrive separately; the file shows the latest of each.
 */
import * as vscode from 'vscode';
import type { SequenceAnalysis } from '../analysis/analysis';
import type { SequenceAnalyzer } from '../analysis/sequence-analyzer';
import { isSequenceDocument, readSettings } from '../config';
import { rangeOfNudgeDiagnostic } from './diagnostic-ranges';
import type { TsDiagnostic } from './sequence-language-service';
import { StepCallIndex } from './step-ranges';
import type { TypeCheckerClient } from './type-checker-client';

/** How long to wait before type-checking again after the checker failed. */
const TYPE_CHECK_RETRY_MS = 10_000;

/** A diagnostic's `source` in the Problems panel, so quick fixes know which are ours. */
export const NUDGE_SOURCE = 'nudge';

interface Halves {
  ts: vscode.Diagnostic[];
  nudge: vscode.Diagnostic[];
  tsHasErrors: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('nudge');
  private readonly files = new Map<string, Halves>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** When the type checker last failed (0: it works); checks wait a while after a failure instead of respawning it per keystroke. */
  private typeCheckFailedAt = 0;

  constructor(analyzer: SequenceAnalyzer, private readonly checker: TypeCheckerClient) {
    this.disposables.push(
      analyzer.onDidAnalyze((a) => this.onAnalysis(a)),
      // A helper module changed on disk: its types may change any open sequence file's errors.
      analyzer.onDidChangeDependency(() => {
        for (const d of vscode.workspace.textDocuments) if (this.files.has(d.uri.toString())) this.scheduleTypeCheck(d);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.scheduleTypeCheck(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleTypeCheck(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
    );
    for (const d of vscode.workspace.textDocuments) this.scheduleTypeCheck(d, 0);
  }

  private halves(uri: vscode.Uri): Halves {
    let h = this.files.get(uri.toString());
    if (!h) this.files.set(uri.toString(), (h = { ts: [], nudge: [], tsHasErrors: false }));
    return h;
  }

  private scheduleTypeCheck(document: vscode.TextDocument, delayMs = readSettings(document.uri).debounceMs): void {
    if (!isSequenceDocument(document)) return;
    const h = this.halves(document.uri);
    clearTimeout(h.timer);
    const backoff = this.typeCheckFailedAt ? Math.max(0, this.typeCheckFailedAt + TYPE_CHECK_RETRY_MS - Date.now()) : 0;
    h.timer = setTimeout(() => void this.typeCheck(document), Math.max(delayMs, backoff));
  }

  private async typeCheck(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    let found: TsDiagnostic[];
    try {
      found = await this.checker.check(document.fileName, document.getText(), version);
    } catch (err) {
      // Tell the author once (VS Code's own TypeScript leaves sequence files to us: without
      // this, type errors would silently vanish), then retry now and then.
      const message = err instanceof Error ? err.message : String(err);
      console.error(`nudge: type check of ${document.fileName} failed`, err);
      if (!this.typeCheckFailedAt) {
        void vscode.window.showWarningMessage(`Nudge could not type-check ${vscode.workspace.asRelativePath(document.uri)}: ${message}. Type errors are not shown until it works again; Nudge retries every ${TYPE_CHECK_RETRY_MS / 1000} s.`);
      }
      this.typeCheckFailedAt = Date.now();
      if (!document.isClosed) this.scheduleTypeCheck(document, TYPE_CHECK_RETRY_MS);
      return;
    }
    this.typeCheckFailedAt = 0;
    if (document.isClosed || document.version !== version) return; // a newer check is scheduled
    const h = this.halves(document.uri);
    h.ts = found.map((d) => {
      const range = new vscode.Range(document.positionAt(d.start), document.positionAt(d.start + d.length));
      const diag = new vscode.Diagnostic(range, d.message, d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
      diag.code = d.code;
      diag.source = 'ts';
      return diag;
    });
    h.tsHasErrors = found.some((d) => d.severity === 'error');
    this.publish(document.uri);
  }

  private onAnalysis(a: SequenceAnalysis): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === a.uri);
    if (!document || document.version !== a.version) return;
    const text = document.getText();
    const index = new StepCallIndex(text, document.fileName);
    const h = this.halves(document.uri);
    h.nudge = a.diagnostics
      .filter((d) => !d.source || d.source.file === document.fileName)
      .map((d) => {
        const r = rangeOfNudgeDiagnostic(d, text, index);
        const diag = new vscode.Diagnostic(
          new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)),
          d.message,
          d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
        );
        diag.code = d.code;
        diag.source = NUDGE_SOURCE;
        return diag;
      });
    this.publish(document.uri);
  }

  private publish(uri: vscode.Uri): void {
    const h = this.halves(uri);
    // A syntax error is reported by TypeScript with a better range; the loader's copy of it adds nothing.
    const nudge = h.tsHasErrors ? h.nudge.filter((d) => d.code !== 'NUDGE_ERR_LOAD_SYNTAX') : h.nudge;
    this.collection.set(uri, [...h.ts, ...nudge]);
  }

  private forget(document: vscode.TextDocument): void {
    const h = this.files.get(document.uri.toString());
    if (h) clearTimeout(h.timer);
    this.files.delete(document.uri.toString());
    this.collection.delete(document.uri);
    if (isSequenceDocument(document)) this.checker.close(document.fileName);
  }

  dispose(): void {
    for (const h of this.files.values()) clearTimeout(h.timer);
    for (const d of this.disposables) d.dispose();
  }
}
