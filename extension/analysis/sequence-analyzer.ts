/**
 * Keeps an up-to-date analysis of every open sequence file as the author
 * types: debounced, at most one evaluation per file at a time (a newer text
 * waits for the running one and then replaces everything queued), and a
 * result for a text that has since changed is dropped, not shown.
 */
import * as vscode from 'vscode';
import { accountZone, isSequenceDocument, readSettings } from '../config';
import type { SequenceAnalysis } from './analysis';
import { analyzeText } from './analyze-text';

interface FileState {
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<SequenceAnalysis | undefined>;
  /** A newer version arrived while one was running. */
  rerun: boolean;
  latest?: SequenceAnalysis;
}

export class SequenceAnalyzer implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SequenceAnalysis>();
  /** Fires with each fresh analysis (never for a text that has already changed again). */
  readonly onDidAnalyze = this.emitter.event;
  private readonly files = new Map<string, FileState>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** The last analysis of the file, if any (possibly of an older text while a new one runs). */
  latest(uri: vscode.Uri): SequenceAnalysis | undefined {
    return this.files.get(uri.toString())?.latest;
  }

  /** Analysis of the document's current text, now (no debounce); reuses a fresh one. */
  async analyze(document: vscode.TextDocument): Promise<SequenceAnalysis> {
    const state = this.state(document);
    if (state.latest && state.latest.version === document.version) return state.latest;
    clearTimeout(state.timer);
    for (;;) {
      if (state.running) await state.running;
      if (state.latest && state.latest.version === document.version) return state.latest;
      if (!state.running) {
        const result = await this.run(document, state);
        if (result) return result;
      }
    }
  }

  /** Debounced re-analysis after an edit. */
  schedule(document: vscode.TextDocument, delayMs = readSettings(document.uri).debounceMs): void {
    if (!isSequenceDocument(document)) return;
    const state = this.state(document);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (state.running) state.rerun = true;
      else void this.run(document, state);
    }, delayMs);
  }

  private state(document: vscode.TextDocument): FileState {
    const key = document.uri.toString();
    let s = this.files.get(key);
    if (!s) this.files.set(key, (s = { rerun: false }));
    return s;
  }

  private run(document: vscode.TextDocument, state: FileState): Promise<SequenceAnalysis | undefined> {
    const version = document.version;
    const settings = readSettings(document.uri);
    const promise = analyzeText(document.fileName, document.getText(), {
      timeoutMs: settings.loaderTimeoutMs,
      accountZone: accountZone(settings),
    }).then(
      (r): SequenceAnalysis | undefined => {
        const analysis: SequenceAnalysis = { ...r, uri: document.uri.toString(), version };
        if (document.isClosed || document.version !== version) return undefined; // stale: a newer text is on its way
        state.latest = analysis;
        this.emitter.fire(analysis);
        return analysis;
      },
      (err: unknown): undefined => {
        // Not the author's mistake (LoadErrors are results): the loader itself failed.
        void vscode.window.showErrorMessage(`Nudge could not analyse ${vscode.workspace.asRelativePath(document.uri)}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      },
    ).finally(() => {
      state.running = undefined;
      if (state.rerun && !document.isClosed) {
        state.rerun = false;
        void this.run(document, state);
      }
    });
    state.running = promise;
    return promise;
  }

  private forget(document: vscode.TextDocument): void {
    const state = this.files.get(document.uri.toString());
    if (state) clearTimeout(state.timer);
    this.files.delete(document.uri.toString());
  }

  dispose(): void {
    for (const s of this.files.values()) clearTimeout(s.timer);
    for (const d of this.disposables) d.dispose();
  }
}
