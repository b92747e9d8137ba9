/**
 * Moves the editor to a place in a sequence file: the cursor lands on the
 * step's method name (`.email(` → the `e`), with nothing selected, and the
 * whole step call is scrolled into view when the text still has it where the
 * IR says (else just that position). A file not in sight opens in the code's
 * column (`codeColumn`: the column of the editor the canvas or dry run
 * belongs to) or another column no Nudge panel holds, so clicking a node or a
 * timeline row never covers the canvas or the dry run.
 */
import * as vscode from 'vscode';
import type { SourcePos } from '../../dsl/ir';
import { StepCallIndex } from '../language/step-ranges';
import { codeColumn as freeCodeColumn } from './panel-columns';

export async function revealSource(source: SourcePos, codeColumn?: number): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(source.file);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const document = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: visible?.viewColumn ?? freeCodeColumn(codeColumn),
    preserveFocus: false,
    preview: false,
  });
  const call = new StepCallIndex(document.getText(), document.fileName).at(source.line, source.column);
  const anchor = call ? document.positionAt(call.start) : new vscode.Position(source.line - 1, source.column - 1);
  editor.selection = new vscode.Selection(anchor, anchor);
  const range = call ? new vscode.Range(anchor, document.positionAt(call.end)) : new vscode.Range(anchor, anchor);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
