// A minimal stand-in for the `vscode` module: just what the runtime controller
// touches, recording what it shows, so its glue runs against the real runtime
// in vitest. Settings come from `settings`, the workspace folder from `folders`.
import { vi } from 'vitest';

export const shown: Array<{ kind: 'error' | 'warning' | 'info'; message: string; detail?: string }> = [];
export const outputLines: string[] = [];
export const settings: Record<string, unknown> = {};
export const folders: Array<{ uri: { fsPath: string; scheme: string }; name: string; index: number }> = [];
export const statusItems: Array<{ text: string; tooltip: string; command: string; visible: boolean }> = [];
/** What the search for sequence files answers (the workspace's .seq.ts files). */
export const sequenceFilesFound: unknown[] = [{ fsPath: '/w/a.seq.ts' }];
/** What the user answers to the next messages, in order (undefined: dismissed). */
export const answers: Array<string | undefined> = [];
/** Open documents (tests add dirty ones). */
export const textDocuments: Array<{ fileName: string; isDirty: boolean; uri: { scheme: string }; getText(): string; save(): Promise<boolean> }> = [];
export const reportsShown: string[] = [];
export const quickPicks: Array<{ labels: string[]; options: unknown }> = [];

const say = (kind: 'error' | 'warning' | 'info') => vi.fn(async (message: string, ...rest: unknown[]) => {
  const options = rest[0] as { detail?: string } | undefined;
  shown.push({ kind, message, ...(options?.detail ? { detail: options.detail } : {}) });
  return answers.shift();
});

export const fakeVscode = {
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { Notification: 15 },
  ViewColumn: { Beside: -2 },
  window: {
    createOutputChannel: () => ({ appendLine: (l: string) => outputLines.push(l), show: vi.fn(), dispose: vi.fn() }),
    createStatusBarItem: () => {
      const item = { text: '', tooltip: '', command: '', name: '', visible: false, show: vi.fn(() => { item.visible = true; }), hide: vi.fn(() => { item.visible = false; }), dispose: vi.fn() };
      statusItems.push(item);
      return item;
    },
    showErrorMessage: say('error'),
    showWarningMessage: say('warning'),
    showInformationMessage: say('info'),
    showWorkspaceFolderPick: vi.fn(async () => folders[0]),
    /** Answers from `answers` too: the item with that label (undefined: dismissed). */
    showQuickPick: vi.fn(async <T extends { label: string }>(items: T[], options?: unknown) => {
      quickPicks.push({ labels: items.map((i) => i.label), options });
      const label = answers.shift();
      return items.find((i) => i.label === label);
    }),
    activeTextEditor: undefined,
    withProgress: async <T>(_options: unknown, task: () => Promise<T>): Promise<T> => task(),
    showTextDocument: vi.fn(async () => undefined),
  },
  EventEmitter: class { event = () => ({ dispose() {} }); fire() {} dispose() {} },
  Uri: { from: (c: { scheme: string; path: string }) => ({ ...c, toString: () => `${c.scheme}:${c.path}` }) },
  workspace: {
    get workspaceFolders() { return folders; },
    getWorkspaceFolder: () => folders[0],
    textDocuments,
    onDidOpenTextDocument: () => ({ dispose() {} }),
    /** The workspace's sequence files, as a search finds them. */
    findFiles: vi.fn(async () => sequenceFilesFound),
    registerTextDocumentContentProvider: () => ({ dispose() {} }),
    openTextDocument: async (uri: { toString(): string }) => { reportsShown.push(uri.toString()); return {}; },
    getConfiguration: () => ({ get: <T>(key: string, fallback: T): T => (key in settings ? settings[key] as T : fallback) }),
  },
  commands: { executeCommand: vi.fn(async () => undefined) },
};
