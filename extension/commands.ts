/**
 * The typed command table: every command the manifest contributes, with the
 * arguments it takes. `registerNudgeCommand` only accepts ids from this
 * table and handlers of the matching shape, and a test checks the table
 * against package.json, so the manifest and the code cannot drift apart.
 */
import * as vscode from 'vscode';
import type { COMMAND_IDS } from './manifest-ids';

export interface NudgeCommands {
  /** From the editor title, the CodeLens or the palette; the URI of the file (default: the active editor's). */
  'nudge.openCanvasToSide': (uri?: vscode.Uri) => unknown;
  'nudge.dryRun': (uri?: vscode.Uri) => unknown;
  'nudge.chooseDryRunContacts': () => unknown;
  'nudge.exportSvg': () => unknown;
  'nudge.startRuntime': () => unknown;
  'nudge.stopRuntime': () => unknown;
  'nudge.publish': () => unknown;
  'nudge.showRuntimeLog': () => unknown;
}

export type NudgeCommandId = keyof NudgeCommands;

// The table and the manifest's list (manifest-ids.ts, checked against package.json) name the same commands.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const tableMatchesManifest: Same<NudgeCommandId, (typeof COMMAND_IDS)[number]> = true;
void tableMatchesManifest;

export function registerNudgeCommand<C extends NudgeCommandId>(
  context: vscode.ExtensionContext,
  id: C,
  handler: NudgeCommands[C],
): void {
  context.subscriptions.push(vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));
}
