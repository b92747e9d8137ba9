// A small stand-in for the `vscode` module: what the dry-run command and
// panel touch. Pickers and boxes answer from queues the test fills (or take
// the default), and everything shown is recorded.
import { vi } from 'vitest';

type Listener<T> = (value: T) => unknown;
export class FakeEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(value: T): void { for (const l of [...this.listeners]) l(value); }
}

export interface FakeUri { scheme: string; fsPath: string; path: string; toString(): string }
export const fileUri = (path: string): FakeUri => ({ scheme: 'file', fsPath: path, path, toString: () => `file://${path}` });
export const fakeDocument = (fileName: string, text: string, version = 1) => ({ uri: fileUri(fileName), fileName, version, isClosed: false, getText: () => text });
export type FakeDocument = ReturnType<typeof fakeDocument>;

export class FakePanel {
  readonly posted: Array<{ type: string } & Record<string, unknown>> = [];
  readonly revealed: unknown[][] = [];
  disposed = false;
  private readonly disposeEmitter = new FakeEmitter<void>();
  private readonly messages = new FakeEmitter<unknown>();
  readonly webview = {
    html: '',
    cspSource: 'https://file+.vscode-resource.test',
    asWebviewUri: (u: FakeUri) => ({ ...u, toString: () => `https://file+.vscode-resource.test${u.path}` }),
    postMessage: async (m: { type: string }) => { this.posted.push(m); return true; },
    onDidReceiveMessage: this.messages.event,
  };
  onDidDispose = this.disposeEmitter.event;
  constructor(readonly viewType: string, public title: string, readonly showOptions: unknown, readonly options: Record<string, unknown>) {}
  reveal(...args: unknown[]): void { this.revealed.push(args); }
  receive(m: unknown): void { this.messages.fire(m); }
  dispose(): void { if (!this.disposed) { this.disposed = true; this.disposeEmitter.fire(); } }
}

export const panels: FakePanel[] = [];
export const commands = new Map<string, (...args: unknown[]) => unknown>();
export const documents = new Map<string, FakeDocument>();
export const settings = new Map<string, unknown>();
export const ui = {
  activeTextEditor: undefined as unknown,
  folder: '/ws',
  found: [] as string[],
  /** Answers to the next QuickPicks: a label to pick, or undefined to dismiss. */
  picks: [] as Array<string | undefined>,
  /** Answers to the next input boxes: text, undefined to dismiss, or 'default' to accept the value shown. */
  inputs: [] as Array<string | undefined>,
  quickPicks: [] as Array<{ items: Array<{ label: string; file?: string }>; options: Record<string, unknown> }>,
  inputBoxes: [] as Array<Record<string, unknown>>,
  messages: [] as string[],
  progressTitles: [] as string[],
  cancelProgress: false,
};

const record = (m: string) => { ui.messages.push(m); return Promise.resolve(undefined); };

export const fakeVscode = {
  ViewColumn: { One: 1, Beside: -2 },
  ProgressLocation: { Window: 10, Notification: 15 },
  EventEmitter: FakeEmitter,
  Uri: { file: fileUri, joinPath: (base: FakeUri, ...parts: string[]) => fileUri([base.path, ...parts].join('/')) },
  window: {
    get activeTextEditor() { return ui.activeTextEditor; },
    visibleTextEditors: [],
    createWebviewPanel: (viewType: string, title: string, showOptions: unknown, options: Record<string, unknown>) => {
      const panel = new FakePanel(viewType, title, showOptions, options);
      panels.push(panel);
      return panel;
    },
    showQuickPick: vi.fn(async (items: Array<{ label: string; file?: string }>, options: Record<string, unknown>) => {
      ui.quickPicks.push({ items, options });
      const label = ui.picks.shift();
      return items.find((i) => i.label === label);
    }),
    showInputBox: vi.fn(async (options: { value?: string; validateInput?(t: string): unknown }) => {
      ui.inputBoxes.push(options);
      const answer = ui.inputs.length > 0 ? ui.inputs.shift() : 'default';
      return answer === 'default' ? options.value : answer;
    }),
    showOpenDialog: vi.fn(async () => undefined),
    withProgress: async (options: { title?: string }, task: (p: unknown, t: unknown) => Promise<unknown>) => {
      if (options.title) ui.progressTitles.push(options.title);
      const cancel = new FakeEmitter<void>();
      const token = { isCancellationRequested: false, onCancellationRequested: cancel.event };
      if (ui.cancelProgress) setTimeout(() => { token.isCancellationRequested = true; cancel.fire(); }, 100);
      return task({ report: () => undefined }, token);
    },
    createOutputChannel: () => ({ appendLine: () => undefined, dispose: () => undefined }),
    showInformationMessage: vi.fn(record),
    showWarningMessage: vi.fn(record),
    showErrorMessage: vi.fn(record),
  },
  workspace: {
    openTextDocument: async (uri: FakeUri) => {
      const doc = documents.get(uri.fsPath);
      if (!doc) throw new Error(`no such file ${uri.fsPath}`);
      return doc;
    },
    getConfiguration: () => ({ get: <T>(key: string, fallback: T): T => (settings.has(key) ? settings.get(key) as T : fallback) }),
    getWorkspaceFolder: () => ({ uri: fileUri(ui.folder) }),
    get workspaceFolders() { return [{ uri: fileUri(ui.folder) }]; },
    findFiles: vi.fn(async (glob: string) => ui.found.filter((f) => (glob.includes('scenario') ? f.endsWith('.scenario.json') : glob.includes('store') ? f.endsWith('store.json') : f.includes('contacts'))).map(fileUri)),
    asRelativePath: (p: FakeUri | string) => (typeof p === 'string' ? p : p.fsPath),
  },
  commands: {
    registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
      commands.set(id, handler);
      return { dispose() {} };
    },
    executeCommand: vi.fn(async () => undefined),
  },
};

export function fakeContext(extensionPath: string) {
  const state = new Map<string, unknown>();
  return {
    extensionPath,
    subscriptions: [] as Array<{ dispose(): void }>,
    workspaceState: { get: <T>(k: string) => state.get(k) as T | undefined, update: async (k: string, v: unknown) => { state.set(k, v); } },
  };
}
