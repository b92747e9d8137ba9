/**
 * The canvas preview's registrations: its two commands, the serializer that
 * brings the panel back after a reload, and the editor events it follows
 * (analyses, the active sequence editor, the cursor). Returns the sink the
 * dry run and the runtime draw their counts through; counts are kept here
 * too, so a canvas opened later still shows them.
 */
import * as vscode from 'vscode';
import type { CanvasCountsSink } from '../analysis/analysis';
import type { SequenceAnalyzer } from '../analysis/sequence-analyzer';
import { registerNudgeCommand } from '../commands';
import { isSequenceDocument } from '../config';
import type { CanvasCounts } from '../protocol';
import { CANVAS_VIEW_TYPE, CanvasPanel } from './canvas-panel';
import { exportCanvasSvg } from './export-svg';

/** What the webview keeps with `setState` (see webview/canvas/main.ts); VS Code hands it to the serializer. */
interface SavedCanvasState { fileName?: unknown }

export function registerCanvas(context: vscode.ExtensionContext, analyzer: SequenceAnalyzer): CanvasCountsSink {
  const counts = new Map<CanvasCounts['source'], CanvasCounts>();
  const { extensionUri } = context;

  registerNudgeCommand(context, 'nudge.openCanvasToSide', async (uri?: vscode.Uri) => {
    // The editor title button passes the file's URI; the palette passes nothing.
    const document = isUri(uri) ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || !isSequenceDocument(document)) {
      void vscode.window.showInformationMessage('Nudge: open a .seq.ts file to see its canvas.');
      return;
    }
    CanvasPanel.createOrShow(extensionUri, analyzer, document, counts);
  });

  registerNudgeCommand(context, 'nudge.exportSvg', async () => {
    if (!CanvasPanel.current) {
      void vscode.window.showInformationMessage('Nudge: open the canvas first (Nudge: Open Canvas to the Side).');
      return;
    }
    await exportCanvasSvg(CanvasPanel.current);
  });

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(CANVAS_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, saved: unknown) {
        CanvasPanel.revive(panel, extensionUri, analyzer, await documentToRevive(saved), counts);
      },
    }),
    analyzer.onDidAnalyze((a) => CanvasPanel.current?.analysed(a)),
    // The canvas follows the author from one sequence file to another (other editors leave it as it is).
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor && isSequenceDocument(editor.document)) CanvasPanel.current?.show(editor.document);
    }),
    vscode.window.onDidChangeTextEditorSelection((e) => CanvasPanel.current?.updateHighlight(e.textEditor)),
    { dispose: () => CanvasPanel.current?.dispose() },
  );

  return {
    setCounts(value, source) {
      if (value) counts.set(source, value);
      else counts.delete(source);
      CanvasPanel.current?.setCounts(source, value);
    },
  };
}

/** Duck-typed: a keybinding or another extension may pass anything, and Uri-likes cross extension boundaries. */
function isUri(value: unknown): value is vscode.Uri {
  return typeof value === 'object' && value !== null && typeof (value as vscode.Uri).scheme === 'string' && typeof (value as vscode.Uri).fsPath === 'string';
}

/** The file the panel showed before the reload, else the active sequence editor's. */
async function documentToRevive(saved: unknown): Promise<vscode.TextDocument | undefined> {
  const fileName = (saved as SavedCanvasState | undefined)?.fileName;
  if (typeof fileName === 'string') {
    try {
      return await vscode.workspace.openTextDocument(vscode.Uri.file(fileName));
    } catch {
      // Deleted or moved since: fall back to the editor.
    }
  }
  const active = vscode.window.activeTextEditor?.document;
  return active && isSequenceDocument(active) ? active : undefined;
}
