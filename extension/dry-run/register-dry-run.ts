/**
 * "Nudge: Dry Run": asks for the inputs, runs the simulator on a worker
 * thread (never on the extension host's main thread) with a cancellable
 * progress notification, and shows the result in the dry-run panel and as
 * per-step counts on the canvas. A new run cancels the one still going.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CanvasCountsSink, SequenceAnalysis } from '../analysis/analysis';
import type { SequenceAnalyzer } from '../analysis/sequence-analyzer';
import { registerNudgeCommand } from '../commands';
import { accountZone, readSettings } from '../config';
import { errorText } from '../error-text';
import { codeColumnOf } from '../editor/panel-columns';
import { revealSource } from '../editor/reveal-source';
import type { DryRunWebviewMessage } from '../protocol';
import { askHorizonDays, askStart, contactsSource, pickContactsSource } from './ask-options';
import { populationRequest, resolveSettingPath, scenarioDefaults } from './contacts-source';
import { DryRunPanel } from './dry-run-panel';
import { findStepSource } from './step-source';
import { DryRunCancelled, DryRunRunner } from './worker-client';
import type { DryRunRequest } from './worker-protocol';

const DAY = 86_400_000;

export function registerDryRun(context: vscode.ExtensionContext, analyzer: SequenceAnalyzer, canvas: CanvasCountsSink): void {
  const runner = new DryRunRunner();
  const workerPath = path.join(context.extensionPath, 'dist', 'dry-run-worker.js');
  let log: vscode.OutputChannel | undefined;
  const logBug = (stack: string) => (log ??= vscode.window.createOutputChannel('Nudge Dry Run')).appendLine(stack);
  /** The file and sequences of the run on show, and the column of its code, for revealStep. */
  let shown: { uri: vscode.Uri; sequences: SequenceAnalysis['sequences']; codeColumn: number | undefined } | undefined;
  context.subscriptions.push({ dispose: () => { runner.cancel(); DryRunPanel.disposeCurrent(); log?.dispose(); } });

  /** No run on show (the panel closed, or a new run started): its counts leave the canvas. */
  const clearShown = () => {
    shown = undefined;
    canvas.setCounts(null, 'dryRun');
  };

  const onMessage = (m: DryRunWebviewMessage) => {
    if (m.type !== 'revealStep' || !shown) return;
    // The file as it is now first (the step may have moved since the run), then the IR the run used.
    const current = analyzer.latest(shown.uri)?.sequences ?? [];
    const source = findStepSource(current, m.sequence, m.step) ?? findStepSource(shown.sequences, m.sequence, m.step);
    if (source) void revealSource(source, shown.codeColumn);
    else void vscode.window.showWarningMessage(`Step "${m.step}" of sequence "${m.sequence}" is no longer in ${vscode.workspace.asRelativePath(shown.uri)}: it was renamed or removed after the dry run. Run the dry run again.`);
  };

  const dryRun = async (uri?: vscode.Uri) => {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target || !target.fsPath.endsWith('.seq.ts')) {
      void vscode.window.showErrorMessage('Nudge: Dry Run works on a sequence file: open a *.seq.ts file and run it again (the Dry Run button in its editor title bar, or the Command Palette).');
      return;
    }
    const document = await vscode.workspace.openTextDocument(target);
    const relative = vscode.workspace.asRelativePath(target);
    const analysis = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Nudge: loading ${relative}` }, () => analyzer.analyze(document));
    if (analysis.problem || analysis.sequences.length === 0) {
      const where = analysis.problem?.source ? ` (line ${analysis.problem.source.line})` : '';
      const go = 'Go to Problem';
      const answer = await vscode.window.showErrorMessage(`Cannot dry-run ${relative}: it does not load${where}: ${(analysis.problem?.message ?? 'it exports no sequence').replace(/\.+$/, '')}. Fix it and run the dry run again.`, ...(analysis.problem?.source ? [go] : []));
      if (answer === go && analysis.problem?.source) await revealSource(analysis.problem.source, codeColumnOf(target));
      return;
    }
    const settings = readSettings(target);
    const folder = vscode.workspace.getWorkspaceFolder(target)?.uri.fsPath;
    const zone = accountZone(settings);
    const source = await contactsSource(context, folder, settings);
    if (!source) return;
    const defaults = scenarioDefaults(source);
    const start = await askStart(context, zone, defaults.start);
    if (start === undefined) return;
    const days = await askHorizonDays(defaults.days ?? settings.horizonDays);
    if (days === undefined) return;

    const fileTitle = path.basename(target.fsPath);
    const title = `Dry run of ${relative}`;
    const request: DryRunRequest = {
      title, sequences: analysis.sequences, start, until: start + days * DAY, accountZone: zone,
      population: populationRequest(source, resolveSettingPath(settings.usersFile, folder)),
    };
    const column = codeColumnOf(target);
    const panel = DryRunPanel.createOrShow(context.extensionPath, fileTitle, onMessage, column, clearShown);
    // The previous run's figures leave the panel now (see webview/dry-run/main.ts), so they leave the canvas too.
    clearShown();
    panel.post({ type: 'running', title });
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Nudge: dry run of ${fileTitle}`, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      try {
        const view = await runner.run(request, {
          workerPath, signal: abort.signal, onBugStack: logBug,
          onProgress: (f) => {
            const pct = Math.floor(f * 100);
            if (pct > reported) progress.report({ increment: pct - reported, message: `${pct}% of ${days} days` });
            reported = Math.max(reported, pct);
          },
        });
        const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
        if (errors > 0) view.warnings.unshift(`${relative} has ${errors} error(s) in the Problems panel: publishing would refuse it, and the dry run may not match what runs once it is fixed.`);
        if (panel.closed) return; // closed while it ran: the user no longer wants to see it, on the canvas either
        shown = { uri: target, sequences: analysis.sequences, codeColumn: column };
        panel.post({ type: 'result', view });
        // Only on the canvas of the file that was run: another file's canvas shows none of these steps.
        canvas.setCounts({ ...view.counts, fileName: document.fileName }, 'dryRun');
      } catch (err) {
        if (err instanceof DryRunCancelled) {
          // Cancelled by a newer run: that run owns the panel now. Cancelled by the user: say so.
          if (token.isCancellationRequested) panel.post({ type: 'failed', message: 'The dry run was cancelled.' });
          return;
        }
        const message = errorText(err);
        panel.post({ type: 'failed', message });
        const choose = 'Choose Contacts…';
        const answer = await vscode.window.showErrorMessage(`Nudge dry run of ${fileTitle} failed: ${message}`, choose);
        if (answer === choose) await vscode.commands.executeCommand('nudge.chooseDryRunContacts');
      }
    });
  };

  registerNudgeCommand(context, 'nudge.dryRun', (uri?: vscode.Uri) => dryRun(uri));
  registerNudgeCommand(context, 'nudge.chooseDryRunContacts', async () => {
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    const folder = (editorUri && vscode.workspace.getWorkspaceFolder(editorUri)) ?? vscode.workspace.workspaceFolders?.[0];
    const settings = readSettings(folder?.uri);
    if (settings.contactsFile.trim()) {
      void vscode.window.showInformationMessage(`Dry runs use the setting nudge.contactsFile (${settings.contactsFile}); clear it to choose the contacts here.`);
      return;
    }
    const source = await pickContactsSource(context, folder?.uri.fsPath, settings);
    if (source) void vscode.window.showInformationMessage(`Dry runs in this workspace now use ${vscode.workspace.asRelativePath(source.file)}.`);
  });
}
