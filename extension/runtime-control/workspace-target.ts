/**
 * Which folder the runtime runs on: the workspace folder of the sequence
 * being edited, else the only one, else the one the user picks. Its
 * sequence folder is the workspace folder itself unless the .seq.ts files
 * live one level down (see launch.ts sequenceDir).
 */
import { readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { isSequenceDocument } from '../config';
import { sequenceDir } from './launch';

export interface RuntimeTarget {
  folder: vscode.WorkspaceFolder;
  /** Absolute path of the workspace folder (the server's current folder). */
  root: string;
  /** Absolute path of the folder of .seq.ts files. */
  sequenceDir: string;
}

export class NoFolderError extends Error {
  override name = 'NoFolderError';
}

export async function pickTarget(action: string): Promise<RuntimeTarget | undefined> {
  const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
  if (folders.length === 0) {
    throw new NoFolderError(`Nudge: to ${action}, open the folder that holds your .seq.ts files (File › Open Folder…); the runtime keeps its store and token in that folder's .nudge/.`);
  }
  const editor = vscode.window.activeTextEditor?.document;
  const active = editor && isSequenceDocument(editor) ? editor : undefined;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active.uri))
    ?? (folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: `Folder to ${action} on` }));
  if (!folder) return undefined; // the user dismissed the pick
  const root = folder.uri.fsPath;
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    // unreadable folder: the server says so with its own message
  }
  const activeFile = active && vscode.workspace.getWorkspaceFolder(active.uri) === folder ? active.fileName : undefined;
  return { folder, root, sequenceDir: sequenceDir(root, names, activeFile) };
}
