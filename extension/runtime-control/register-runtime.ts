// PLACEHOLDER until runtime control lands: replaced by the runtime-control work.
import * as vscode from 'vscode';
import type { CanvasCountsSink } from '../analysis/analysis';

export function registerRuntimeControl(context: vscode.ExtensionContext, canvas: CanvasCountsSink): void {
  void context; void canvas;
}
