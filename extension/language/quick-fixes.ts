/**
 * "Did you mean" quick fixes for Nudge's diagnostics: a misspelt merge
 * field, contact field, time zone or step id is replaced by the suggestion
 * the rule already computed (the message carries it).
 */
import * as vscode from 'vscode';
import { NUDGE_SOURCE } from './diagnostics-controller';
import { suggestionOf } from './diagnostic-ranges';

export class DidYouMeanFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diag of context.diagnostics) {
      if (diag.source !== NUDGE_SOURCE) continue;
      const s = suggestionOf(diag.message);
      // The diagnostic is placed on the misspelt word when the text has it; otherwise there is nothing safe to replace.
      if (!s || document.getText(diag.range) !== s.wrong) continue;
      const action = new vscode.CodeAction(`Change to '${s.replacement}'`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diag];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diag.range, s.replacement);
      actions.push(action);
    }
    return actions;
  }
}
