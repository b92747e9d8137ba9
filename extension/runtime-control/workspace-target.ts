/**
 * Which folder the runtime runs on: the workspace folder of the sequence
 * being edited, else the only one, else the one the user picks. Its
 * sequence folder is the workspace folder itself unless the .seq.ts files
 * live further down (see launch.ts sequenceDir): then the edited file's
 * folder, the one folder that has them, or the user's pick among several.
 * A folder with no .seq.ts anywhere is said so, not served empty.
 */
import { readdir } from 'node:fs/promises';
import { NudgeError, type ErrorParams } from '../../errors/nudge-error';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { isSequenceDocument } from '../config';
import { isSequenceFileName, sequenceDir, skipFolder } from './launch';

export interface RuntimeTarget {
  folder: vscode.WorkspaceFolder;
  /** Absolute path of the workspace folder (the server's current folder). */
  root: string;
  /** Absolute path of the folder of .seq.ts files. */
  sequenceDir: string;
}

/** No folder to run on: none is open (NUDGE_ERR_NO_FOLDER), or it holds no sequence file (NUDGE_ERR_NO_SEQUENCE_FILES). */
export class NoFolderError<C extends 'NUDGE_ERR_NO_FOLDER' | 'NUDGE_ERR_NO_SEQUENCE_FILES'> extends NudgeError<C> {
  override name = 'NoFolderError';
  constructor(code: C, params: ErrorParams<C>) {
    super(code, params);
  }
}

/** How deep below the workspace folder sequence files are looked for, and how many folders at most (the search must stay quick). */
const SEARCH_DEPTH = 4;
const SEARCH_FOLDERS = 2000;

/**
 * The folders at `root` and below (not node_modules or hidden folders) that
 * hold .seq.ts files, with how many each holds; `root` first when it does.
 */
export async function findSequenceFolders(root: string, depth = SEARCH_DEPTH, maxFolders = SEARCH_FOLDERS): Promise<Array<{ dir: string; files: number }>> {
  const found: Array<{ dir: string; files: number }> = [];
  let queue = [root];
  let seen = 0;
  for (let level = 0; level <= depth && queue.length > 0 && seen < maxFolders; level++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (++seen > maxFolders) break;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable: the server would say so with its own message
      }
      const files = entries.filter((e) => !e.isDirectory() && isSequenceFileName(e.name)).length;
      if (files > 0) found.push({ dir, files });
      next.push(...entries.filter((e) => e.isDirectory() && !skipFolder(e.name)).map((e) => join(dir, e.name)).sort());
    }
    queue = next;
  }
  return found;
}

export async function pickTarget(action: string): Promise<RuntimeTarget | undefined> {
  const folders = vscode.workspace.workspaceFolders?.filter((f) => f.uri.scheme === 'file') ?? [];
  if (folders.length === 0) {
    throw new NoFolderError('NUDGE_ERR_NO_FOLDER', { action });
  }
  const editor = vscode.window.activeTextEditor?.document;
  const active = editor && isSequenceDocument(editor) ? editor : undefined;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active.uri))
    ?? (folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: `Folder to ${action} on` }));
  if (!folder) return undefined; // the user dismissed the pick
  const root = folder.uri.fsPath;
  const activeFile = active && vscode.workspace.getWorkspaceFolder(active.uri) === folder ? active.fileName : undefined;
  const found = await findSequenceFolders(root);
  const choice = sequenceDir(root, found.map((f) => f.dir), activeFile);
  if (choice.kind === 'dir') return { folder, root, sequenceDir: choice.dir };
  if (choice.kind === 'none') {
    throw new NoFolderError('NUDGE_ERR_NO_SEQUENCE_FILES', { action, folder: folder.name });
  }
  const count = new Map(found.map((f) => [f.dir, f.files]));
  const pick = await vscode.window.showQuickPick(
    choice.dirs.map((dir) => ({ label: relative(root, dir), description: `${count.get(dir) ?? 0} sequence file(s)`, dir })),
    { placeHolder: `Folder of .seq.ts files to ${action} on (the runtime reads one folder, not its subfolders)` },
  );
  return pick && { folder, root, sequenceDir: pick.dir };
}
