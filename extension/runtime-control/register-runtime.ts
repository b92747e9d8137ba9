/**
 * Runtime control: Start / Stop Runtime, Publish Sequences…, Show Runtime
 * Log, the status bar item and the live counts on the canvas. Every
 * handler is wrapped so an error becomes a message, never an exception
 * in the extension host.
 */
import * as vscode from 'vscode';
import { errorText } from '../error-text';
import type { CanvasCountsSink } from '../analysis/analysis';
import { registerNudgeCommand } from '../commands';
import { publishSequences } from './publish-flow';
import { ReportDocuments } from './report-documents';
import { RuntimeController } from './runtime-controller';

export function registerRuntimeControl(context: vscode.ExtensionContext, canvas: CanvasCountsSink): void {
  // The extension's folder is the nudge package: dist/cli.js is bundled beside dist/extension.js.
  const runtime = new RuntimeController(context.extensionPath, canvas);
  const reports = new ReportDocuments();
  context.subscriptions.push(runtime, reports); // disposing the controller stops the runtime on deactivate

  const guard = (what: string, fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (err) {
      const message = errorText(err);
      runtime.output.appendLine(`── ${what} failed: ${message}`);
      const text = message.startsWith('Nudge:') ? message : `Nudge: ${what} failed: ${message}`;
      if ((await vscode.window.showErrorMessage(text, 'Show Log')) === 'Show Log') runtime.output.show(true);
    }
  };

  // While the runtime runs, "Start" (and the status bar item) offers what can be done with it instead.
  registerNudgeCommand(context, 'nudge.startRuntime', guard('starting the runtime', () => (runtime.kind === 'stopped' ? runtime.start() : runtimeMenu(runtime))));
  registerNudgeCommand(context, 'nudge.stopRuntime', guard('stopping the runtime', async () => {
    if (runtime.kind === 'stopped') void vscode.window.showInformationMessage('Nudge: the runtime is not running.');
    else await runtime.stop();
  }));
  registerNudgeCommand(context, 'nudge.publish', guard('publishing', () => publishSequences(runtime, context.extensionPath, reports)));
  registerNudgeCommand(context, 'nudge.showRuntimeLog', () => runtime.output.show(true));

  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    if (!runtime.running || !e.affectsConfiguration('nudge.runtime')) return;
    const choice = await vscode.window.showInformationMessage('Nudge: the runtime settings changed; they apply when the runtime starts again.', 'Restart Runtime');
    if (choice === 'Restart Runtime') await guard('restarting the runtime', async () => { await runtime.stop(); await runtime.start(); })();
  }));
}

async function runtimeMenu(runtime: RuntimeController): Promise<void> {
  const live = runtime.running;
  const items = [
    { label: '$(debug-stop) Stop Runtime', command: 'nudge.stopRuntime' },
    { label: '$(cloud-upload) Publish Sequences…', command: 'nudge.publish', detail: 'Shows the impact on contacts in flight before anything changes' },
    { label: '$(output) Show Runtime Log', command: 'nudge.showRuntimeLog' },
    { label: '$(debug-restart) Restart Runtime', command: 'restart' },
  ];
  const pick = await vscode.window.showQuickPick(items, {
    title: live ? `Nudge runtime on ${live.info.url} (${live.target.folder.name})` : `Nudge runtime: ${runtime.kind}`,
  });
  if (!pick) return;
  if (pick.command === 'restart') {
    await runtime.stop();
    await runtime.start();
  } else {
    await vscode.commands.executeCommand(pick.command);
  }
}
