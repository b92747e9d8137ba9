// PLACEHOLDER until the dry run lands: replaced by the dry-run work.
import * as vscode from 'vscode';
import type { CanvasCountsSink } from '../analysis/analysis';
import type { SequenceAnalyzer } from '../analysis/sequence-analyzer';

export function registerDryRun(context: vscode.ExtensionContext, analyzer: SequenceAnalyzer, canvas: CanvasCountsSink): void {
  void context; void analyzer; void canvas;
}
