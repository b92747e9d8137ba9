// PLACEHOLDER: diagnostics, quick fixes and CodeLens land next.
import * as vscode from 'vscode';
import type { SequenceAnalyzer } from '../analysis/sequence-analyzer';

export function registerLanguageFeatures(context: vscode.ExtensionContext, analyzer: SequenceAnalyzer): void {
  void context; void analyzer;
}
