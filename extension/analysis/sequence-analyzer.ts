/**
 * Keeps an up-to-date analysis of every open sequence file as the author
 * types: debounced, at most one evaluation per file at a time. A newer text
 * cancels the evaluation of an older one (its child process is killed, so a
 * file that loops until the loader's time limit does not hold the next
 * keystroke back) and is evaluated at once; a result for a text that has
 * since changed is dropped, not shown.
 */
import * as vscode from 'vscode';
import { isLoadCancelled } from '../../dsl/loader/load';
import { accountZone, isSequenceDocument, readSettings } from '../config';
import type { SequenceAnalysis } from './analysis';
import { analyzeText } from './analyze-text';

/** How one evaluation ended. */
type Outcome =
  | { kind: 'done'; analysis: SequenceAnalysis }
  /** Cancelled by a newer text, or finished after the text changed: nothing to show. */
  | { kind: 'superseded' }
  /** The loader itself failed (not the author's mistake: those are LoadErrors, i.e. results). */
  | { kind: 'failed'; error: unknown };

interface Running {
  version: number;
  controller: AbortController;
  outcome: Promise<Outcome>;
}

interface FileState {
  timer?: ReturnType<typeof setTimeout>;
  running?: Running;
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

  /**
   * Analysis of the document's current text, now (no debounce); reuses a fresh
   * one or the evaluation of this text already under way. Rejects when the
   * loader itself fails.
   */
  async analyze(document: vscode.TextDocument): Promise<SequenceAnalysis> {
    const state = this.state(document);
    clearTimeout(state.timer);
    state.timer = undefined;
    for (;;) {
      if (state.latest && state.latest.version === document.version) return state.latest;
      const outcome = await this.evaluate(document, state);
      if (outcome.kind === 'done') return outcome.analysis;
      if (outcome.kind === 'failed') throw outcome.error;
      if (document.isClosed) throw new Error(`${vscode.workspace.asRelativePath(document.uri)} was closed before it was analysed.`);
      // Superseded: the text changed meanwhile; analyse the newer one.
    }
  }

  /** Debounced re-analysis after an edit. */
  schedule(document: vscode.TextDocument, delayMs = readSettings(document.uri).debounceMs): void {
    if (!isSequenceDocument(document)) return;
    const state = this.state(document);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (!document.isClosed) void this.evaluate(document, state);
    }, delayMs);
  }

  private state(document: vscode.TextDocument): FileState {
    const key = document.uri.toString();
    let s = this.files.get(key);
    if (!s) this.files.set(key, (s = {}));
    return s;
  }

  /**
   * Evaluates the document's current text: joins the evaluation of this very
   * text if one runs, otherwise cancels the running one (an older text) and
   * starts at once.
   */
  private evaluate(document: vscode.TextDocument, state: FileState): Promise<Outcome> {
    const version = document.version;
    if (state.running) {
      if (state.running.version === version) return state.running.outcome;
      state.running.controller.abort();
    }
    const settings = readSettings(document.uri);
    const controller = new AbortController();
    const outcome = analyzeText(document.fileName, document.getText(), {
      timeoutMs: settings.loaderTimeoutMs,
      accountZone: accountZone(settings),
      signal: controller.signal,
    }).then(
      (r): Outcome => {
        if (controller.signal.aborted || document.isClosed || document.version !== version) return { kind: 'superseded' }; // a newer text is on its way
        const analysis: SequenceAnalysis = { ...r, uri: document.uri.toString(), version };
        state.latest = analysis;
        this.emitter.fire(analysis);
        return { kind: 'done', analysis };
      },
      (error: unknown): Outcome => {
        if (isLoadCancelled(error) || controller.signal.aborted) return { kind: 'superseded' };
        void vscode.window.showErrorMessage(`Nudge could not analyse ${vscode.workspace.asRelativePath(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
        return { kind: 'failed', error };
      },
    ).finally(() => {
      if (state.running?.controller === controller) state.running = undefined;
    });
    state.running = { version, controller, outcome };
    return outcome;
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const state = this.files.get(key);
    if (state) {
      clearTimeout(state.timer);
      state.running?.controller.abort(); // nobody will look at it: stop its child now
    }
    this.files.delete(key);
  }

  dispose(): void {
    for (const s of this.files.values()) {
      clearTimeout(s.timer);
      s.running?.controller.abort();
    }
    this.files.clear();
    for (const d of this.disposables) d.dispose();
  }
}
