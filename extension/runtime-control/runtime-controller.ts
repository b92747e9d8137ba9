/**
 * The runtime as VS Code sees it: one `nudge serve` child per window, its
 * log in the "Nudge Runtime" output channel, its state in the status bar,
 * its clock and per-step counts polled while it runs (the counts go to the
 * canvas as the 'runtime' overlay, cleared when it stops).
 *
 * Nothing here throws into VS Code: every failure becomes a message that
 * says what failed, where, and what to do.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CanvasCountsSink } from '../analysis/analysis';
import { accountZone, isSequenceDocument, readSettings } from '../config';
import { cliPath, serveLaunch } from './launch';
import { LivePoller, type PollResult } from './live-poller';
import { formatLogLine, PollNoiseFilter } from './log-lines';
import { RuntimeClient } from './runtime-client';
import { runtimeCounts, runtimeLabel } from './runtime-counts';
import { portIsFree, RuntimeProcess, RuntimeStartError, type RuntimeInfo } from './runtime-process';
import { errorText } from '../error-text';
import { clockText, statusView, type RuntimeState } from './status-text';
import { pickTarget, type RuntimeTarget } from './workspace-target';
import { nudgeError } from '../../errors/nudge-error';

export interface RunningRuntime {
  info: RuntimeInfo;
  client: RuntimeClient;
  target: RuntimeTarget;
}

interface StartAttempt {
  /** Set by stop() or dispose(): the start launches nothing more and reports nothing. */
  cancelled: boolean;
  done: Promise<void>;
}

export class RuntimeController implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('Nudge Runtime');
  private readonly item = vscode.window.createStatusBarItem('nudge.runtime', vscode.StatusBarAlignment.Left, 10);
  private state: RuntimeState = { kind: 'stopped' };
  private process: RuntimeProcess | undefined;
  private poller: LivePoller | undefined;
  private current: RunningRuntime | undefined;
  private zone = 'UTC';
  private lastPollError: string | undefined;
  /** The start in progress (from the call, before the folder is picked): one at a time. */
  private attempt: StartAttempt | undefined;
  private disposed = false;
  /** The workspace has sequence files (or one was opened): only then does a stopped runtime show in the status bar. */
  private hasSequences = false;
  private readonly listeners: vscode.Disposable[] = [];

  constructor(private readonly packageRoot: string, private readonly canvas: CanvasCountsSink) {
    this.item.name = 'Nudge Runtime';
    this.setState({ kind: 'stopped' });
    // The extension also activates for any TypeScript file: a plain TypeScript project gets no "Nudge: stopped".
    const seen = (d: vscode.TextDocument) => { if (isSequenceDocument(d)) this.sequencesSeen(); };
    vscode.workspace.textDocuments.forEach(seen);
    this.listeners.push(vscode.workspace.onDidOpenTextDocument(seen));
    void vscode.workspace.findFiles('**/*.seq.ts', '**/node_modules/**', 1).then((found) => { if (found.length > 0) this.sequencesSeen(); }, () => undefined);
  }

  private sequencesSeen(): void {
    if (this.hasSequences || this.disposed) return;
    this.hasSequences = true;
    this.setState(this.state);
  }

  get kind(): RuntimeState['kind'] {
    return this.state.kind;
  }

  /** The runtime when it serves (not while starting or stopping). */
  get running(): RunningRuntime | undefined {
    return this.state.kind === 'running' ? this.current : undefined;
  }

  pollNow(): Promise<void> {
    return this.poller?.pollNow() ?? Promise.resolve();
  }

  /**
   * Starts the runtime. One start at a time: the state is 'starting' from
   * the first call on (before the folder is picked and the port checked),
   * and a second call while it starts waits for the same start instead of
   * launching a second server on the same store.
   */
  start(): Promise<void> {
    if (this.attempt) return this.attempt.done;
    if (this.state.kind !== 'stopped' || this.disposed) return Promise.resolve();
    const attempt: StartAttempt = { cancelled: false, done: Promise.resolve() };
    this.attempt = attempt;
    this.setState({ kind: 'starting' });
    attempt.done = this.startOnce(attempt).finally(() => {
      if (this.attempt === attempt) this.attempt = undefined;
      // Left early (no folder picked, port taken, an error thrown): back to stopped, unless stop() already took over.
      if (!attempt.cancelled && this.state.kind === 'starting') this.setState({ kind: 'stopped' });
    });
    return attempt.done;
  }

  private async startOnce(attempt: StartAttempt): Promise<void> {
    const target = await pickTarget('start the runtime');
    if (!target || attempt.cancelled) return;
    const settings = readSettings(target.folder.uri);
    this.zone = accountZone(settings);
    const port = settings.runtimePort;
    if (!existsSync(cliPath(this.packageRoot))) {
      throw nudgeError('NUDGE_ERR_NOT_BUILT', { part: 'runtime', file: cliPath(this.packageRoot) });
    }
    if (!(await portIsFree(port))) {
      if (attempt.cancelled) return;
      const nudge = await new RuntimeClient(`http://127.0.0.1:${port}`, undefined, 1000).health().then(() => true, () => false);
      if (attempt.cancelled) return;
      this.setState({ kind: 'stopped' });
      void this.portTaken(port, nudge ? 'a Nudge runtime not started from this window answers there (it may use the same store: stop it first)' : 'another program listens there');
      return;
    }
    if (attempt.cancelled) return; // stopped (or the window closed) while the port was checked: no server now
    const launch = serveLaunch({
      packageRoot: this.packageRoot, nodePath: process.execPath, workspaceFolder: target.root, sequenceDir: target.sequenceDir,
      storeFile: settings.runtimeStoreFile, port, clock: settings.runtimeClock, env: process.env,
    });
    const filter = new PollNoiseFilter();
    const proc = new RuntimeProcess(launch, {
      timeZone: this.zone,
      onLog: (line) => { if (!this.disposed && filter.keep(line)) this.output.appendLine(formatLogLine(line, this.zone)); },
      onExit: (exit, expected) => { if (!expected && this.process === proc && this.current) this.crashed(exit.signal ?? `code ${exit.code}`); },
    });
    // Set before the child exists (proc.start() spawns it synchronously): stop() and dispose() find it from here on.
    this.process = proc;
    this.output.appendLine(`── starting nudge serve in ${target.root}: --dir ${target.sequenceDir} --port ${port} --clock ${settings.runtimeClock} --store ${settings.runtimeStoreFile}`);
    this.setState({ kind: 'starting', port });
    try {
      const info = await proc.start();
      if (attempt.cancelled) return; // stop() or dispose() is stopping it
      const client = new RuntimeClient(info.url, info.token);
      this.current = { info, client, target };
      this.setState({ kind: 'running', port: info.port });
      this.poller = new LivePoller(client, (r) => this.polled(r));
      this.poller.start();
    } catch (err) {
      if (attempt.cancelled) return; // stopped on purpose while starting: not a failure to report
      this.process = undefined;
      const e = err as RuntimeStartError;
      this.setState({ kind: 'stopped', lastError: e.message });
      if (e.reason === 'port-in-use') return void this.portTaken(port, 'it was taken while the runtime started');
      const tail = e.lastLines?.length ? `\nLast log lines:\n${e.lastLines.slice(-6).join('\n')}` : '';
      const what = e.reason === 'timeout' ? 'Check the log: a sequence file may take long to load, or the store is large.' : 'See the Nudge Runtime log for the cause.';
      void this.showError(`Nudge: the runtime did not start in ${target.root}: ${errorText(err)} ${what}`, tail);
    }
  }

  /** Stops the runtime; while it starts, cancels the start quietly (and stops the server if it was launched). */
  async stop(): Promise<void> {
    if (this.state.kind === 'stopping') return;
    const attempt = this.attempt;
    if (attempt) {
      attempt.cancelled = true;
      this.attempt = undefined;
    }
    const proc = this.process;
    if (!proc) {
      if (attempt) {
        this.output.appendLine('── start cancelled before nudge serve was launched');
        this.setState({ kind: 'stopped' });
      }
      return;
    }
    this.setState({ kind: 'stopping' });
    this.halt();
    const exit = await proc.stop();
    if (this.process === proc) this.process = undefined;
    this.output.appendLine(attempt
      ? `── start cancelled: nudge serve stopped (${exit.forced ? 'killed with SIGKILL after the grace period' : `exit ${exit.signal ?? exit.code}`})`
      : `── runtime stopped (${exit.forced ? 'killed with SIGKILL after the grace period' : `exit ${exit.signal ?? exit.code}`})`);
    this.setState({ kind: 'stopped' });
    if (exit.forced) {
      void vscode.window.showWarningMessage('Nudge: the runtime did not stop within 5 s and was killed. Its store is safe (every step is committed before it is sent); the next start runs what fell due meanwhile.');
    }
  }

  /** Deactivate: whatever runs or is starting is stopped; a start still checking the port launches nothing. */
  dispose(): void {
    this.disposed = true;
    if (this.attempt) this.attempt.cancelled = true;
    this.attempt = undefined;
    this.halt();
    this.process?.stopSoon(); // deactivate cannot wait: SIGTERM now, SIGKILL later if needed
    for (const l of this.listeners) l.dispose();
    this.item.dispose();
    this.output.dispose();
  }

  /** Polling off, counts off the canvas, the running state forgotten. */
  private halt(): void {
    this.poller?.stop();
    this.poller = undefined;
    this.current = undefined;
    this.lastPollError = undefined;
    this.setCounts(null);
  }

  private crashed(how: string): void {
    this.halt();
    this.process = undefined;
    const message = `the runtime stopped unexpectedly (${how})`;
    this.output.appendLine(`── ${message}`);
    this.setState({ kind: 'stopped', lastError: message });
    void this.showError(`Nudge: ${message}. The last lines of the Nudge Runtime log say why; start it again when fixed.`, '');
  }

  private polled(r: PollResult): void {
    if (this.state.kind !== 'running' || !this.current) return;
    const error = r.error?.message;
    if (error && error !== this.lastPollError) this.output.appendLine(`── polling: ${error}`); // once per distinct failure, not every 3 s
    this.lastPollError = error;
    const clock = r.clock ?? this.state.clock;
    this.setState({ kind: 'running', port: this.current.info.port, clock, pollError: error });
    if (r.sequences) this.setCounts(runtimeCounts(r.sequences, runtimeLabel(r.sequences, this.current.info.port, clock && clockText(clock, this.zone))));
  }

  private setCounts(counts: Parameters<CanvasCountsSink['setCounts']>[0]): void {
    try {
      this.canvas.setCounts(counts, 'runtime');
    } catch (err) {
      this.output.appendLine(`── the canvas refused the runtime counts: ${(err as Error).message}`);
    }
  }

  private setState(state: RuntimeState): void {
    this.state = state;
    const view = statusView(state, this.zone);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    // Running: the start command shows the runtime menu (stop, publish, log).
    this.item.command = state.kind === 'starting' || state.kind === 'stopping' ? 'nudge.showRuntimeLog' : 'nudge.startRuntime';
    if (this.hasSequences || state.kind !== 'stopped') this.item.show();
    else this.item.hide();
  }

  private async portTaken(port: number, why: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(
      `Nudge: port ${port} on 127.0.0.1 is already in use (${why}). Stop what uses it, or set "nudge.runtime.port" to a free port (0 picks one).`,
      'Open Settings',
    );
    if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'nudge.runtime.port');
  }

  private async showError(message: string, logTail: string): Promise<void> {
    if (logTail) this.output.appendLine(logTail.trim());
    if ((await vscode.window.showErrorMessage(message, 'Show Log')) === 'Show Log') this.output.show(true);
  }
}
