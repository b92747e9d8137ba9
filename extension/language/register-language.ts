/**
 * The editor features of sequence files: diagnostics as you type (TypeScript
 * in a warm worker plus Nudge's rules), "Did you mean" quick fixes, and the
 * CodeLens above each sequence.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SequenceAnalyzer } from '../analysis/sequence-analyzer';
import { DiagnosticsController } from './diagnostics-controller';
import { DidYouMeanFixes } from './quick-fixes';
import { SequenceCodeLens } from './sequence-codelens';
import { TypeCheckerClient } from './type-checker-client';

const SEQUENCE_FILES: vscode.DocumentSelector = { scheme: 'file', pattern: '**/*.seq.ts' };

export function registerLanguageFeatures(context: vscode.ExtensionContext, analyzer: SequenceAnalyzer): void {
  const checker = new TypeCheckerClient(join(context.extensionPath, 'dist', 'type-check-worker.js'));
  context.subscriptions.push(
    checker,
    new DiagnosticsController(analyzer, checker),
    vscode.languages.registerCodeActionsProvider(SEQUENCE_FILES, new DidYouMeanFixes(), { providedCodeActionKinds: DidYouMeanFixes.kinds }),
    vscode.languages.registerCodeLensProvider(SEQUENCE_FILES, new SequenceCodeLens()),
  );
}
