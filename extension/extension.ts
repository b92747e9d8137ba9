/**
 * The extension's entry: `activate` only builds the parts and registers them
 * (every disposable goes to `context.subscriptions`); the work happens in
 * the parts, and user code never runs here (the loader evaluates sequence
 * files in a child process with a time limit).
 */
import * as vscode from 'vscode';
import { SequenceAnalyzer } from './analysis/sequence-analyzer';
import { registerCanvas } from './canvas/register-canvas';
import { registerDryRun } from './dry-run/register-dry-run';
import { registerLanguageFeatures } from './language/register-language';
import { registerRuntimeControl } from './runtime-control/register-runtime';

export function activate(context: vscode.ExtensionContext): void {
  const analyzer = new SequenceAnalyzer();
  context.subscriptions.push(analyzer);
  registerLanguageFeatures(context, analyzer);
  const canvas = registerCanvas(context, analyzer);
  registerDryRun(context, analyzer, canvas);
  registerRuntimeControl(context, canvas);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
