// A minimal stand-in for the `vscode` module: just what the runtime controller
// touches, recording what it shows, so its glue runs against the real runtime
// in vitest. Settings come from `settings`, the workspace folder from `folders`.
import { vi } from 'vitest';

export const shown: Array<{ kind: 'error' | 'warning' | 'info'; message: string }> = [];
export const outputLines: string[] = [];
export const settings: Record<string, unknown> = {};
export const folders: Array<{ uri: { fsPath: string; scheme: string }; name: string; index: number }> = [];
export const statusItems: Array<{ text: string; tooltip: string; command: string }> = [];

const say = (kind: 'error' | 'warning' | 'info') => vi.fn(async (message: string) => { shown.push({ kind, message }); return undefined; });

export const fakeVscode = {
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { Notification: 15 },
  ViewColumn: { Beside: -2 },
  window: {
    createOutputChannel: () => ({ appendLine: (l: string) => outputLines.push(l), show: vi.fn(), dispose: vi.fn() }),
    createStatusBarItem: () => {
      const item = { text: '', tooltip: '', command: '', name: '', show: vi.fn(), dispose: vi.fn() };
      statusItems.push(item);
      return item;
    },
    showErrorMessage: say('error'),
    showWarningMessage: say('warning'),
    showInformationMessage: say('info'),
    showWorkspaceFolderPick: vi.fn(async () => folders[0]),
    activeTextEditor: undefined,
  },
  workspace: {
    get workspaceFolders() { return folders; },
    getWorkspaceFolder: () => folders[0],
    getConfiguration: () => ({ get: <T>(key: string, fallback: T): T => (key in settings ? settings[key] as T : fallback) }),
  },
  commands: { executeCommand: vi.fn(async () => undefined) },
};
