/**
 * Moves the editor to a place in a sequence file: the whole step call is
 * selected when the text still has it where the IR says (the cursor lands
 * on the method name otherwise). Opens the file beside the canvas when it is
 * not visible, so clicking a node never covers the canvas.
 */
import * as vscode from 'vscode';
import type { SourcePos } from '../../dsl/ir';
import { StepCallIndex } from '../language/step-ranges';

export async function revealSource(source: SourcePos): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(source.file);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const document = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
    preserveFocus: false,
    preview: false,
  });
  const call = new StepCallIndex(document.getText(), document.fileName).at(source.line, source.column);
  const anchor = new vscode.Position(source.line - 1, source.column - 1);
  editor.selection = call
    ? new vscode.Selection(document.positionAt(call.start), document.positionAt(call.start))
    : new vscode.Selection(anchor, anchor);
  const range = call ? new vscode.Range(document.positionAt(call.start), document.positionAt(call.end)) : new vscode.Range(anchor, anchor);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
