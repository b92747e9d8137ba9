/** "Open Canvas" and "Dry Run" above each `sequence(...)` of a `.seq.ts` file. */
import * as vscode from 'vscode';
import { sequenceCallOffsets } from './sequence-calls';

export class SequenceCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return sequenceCallOffsets(document.getText(), document.fileName).flatMap((offset) => {
      const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset));
      return [
        new vscode.CodeLens(range, { title: '$(type-hierarchy) Open Canvas', command: 'nudge.openCanvasToSide', arguments: [document.uri] }),
        new vscode.CodeLens(range, { title: '$(debug-alt) Dry Run', command: 'nudge.dryRun', arguments: [document.uri] }),
      ];
    });
  }
}
