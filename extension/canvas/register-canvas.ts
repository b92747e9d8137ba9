// PLACEHOLDER until the canvas panel lands: replaced by the canvas work.
import * as vscode from 'vscode';
import type { CanvasCountsSink } from '../analysis/analysis';
import type { SequenceAnalyzer } from '../analysis/sequence-analyzer';

export function registerCanvas(context: vscode.ExtensionContext, analyzer: SequenceAnalyzer): CanvasCountsSink {
  void context; void analyzer;
  return { setCounts() {} };
}
