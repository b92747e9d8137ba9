/**
 * Keeps an up-to-date analysis of every open sequence file as the author
 * types: debounced, at most one evaluation per file at a time. A newer text
 * cancels the evaluation of an older one (its child process is killed, so a
 * file that loops until the loader's time limit does not hold the next
 * keystroke back) and is evaluated at once; a result for a text that has
 * since changed is dropped, not shown. A helper module that a sequence file
 * imports, changed on disk (saved, or edited outside the editor), makes that
 * file's analysis stale too: it is evaluated again.
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
  /** A helper module of `latest` changed on disk since it was made. */
  stale?: boolean;
}

export class SequenceAnalyzer implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SequenceAnalysis>();
  /** Fires with each fresh analysis (never for a text that has already changed again). */
  readonly onDidAnalyze = this.emitter.event;
  private readonly files = new Map<string, FileState>();
  private readonly dependencyEmitter = new vscode.EventEmitter<string>();
  /**
   * Fires with the path of a script file that changed on disk, which open
   * sequence files may import (for a type check, whose imports include
   * type-only ones the evaluation never sees).
   */
  readonly onDidChangeDependency = this.dependencyEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.dependencyEmitter];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{ts,mts,cts,tsx,js,mjs,cjs,json}');
    this.disposables.push(
      watcher,
      watcher.onDidChange((u) => this.dependencyChanged(u.fsPath)),
      watcher.onDidCreate((u) => this.dependencyChanged(u.fsPath)),
      watcher.onDidDelete((u) => this.dependencyChanged(u.fsPath)),
      // Files outside the workspace folders are not watched; saving them in the editor is seen here.
      vscode.workspace.onDidSaveTextDocument((d) => this.dependencyChanged(d.fileName)),
    );
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
      if (state.latest && !state.stale && state.latest.version === document.version) return state.latest;
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

  /**
   * A script file changed on disk: every open sequence file whose last
   * evaluation read it (or whose imports are unknown because its load failed
   * early) is evaluated again, after the usual pause.
   */
  dependencyChanged(fsPath: string): void {
    if (/[\\/]node_modules[\\/]/.test(fsPath)) return;
    for (const document of vscode.workspace.textDocuments) {
      if (!isSequenceDocument(document) || document.fileName === fsPath) continue;
      const state = this.files.get(document.uri.toString());
      const latest = state?.latest;
      if (!state || !latest || (latest.inputs && !latest.inputs.includes(fsPath))) continue;
      state.stale = true; // analyze() must not hand it out again
      if (state.running) {
        // It may have read the helper before the change: start again.
        state.running.controller.abort();
        state.running = undefined;
      }
      this.schedule(document);
    }
    this.dependencyEmitter.fire(fsPath);
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
        state.stale = false;
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
