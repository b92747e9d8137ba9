// A small stand-in for the `vscode` module: what the canvas panel and its
// registrations touch, recording panels, posted messages, commands and
// context keys, so the host side runs in vitest with real analyses.
import { vi } from 'vitest';

type Listener<T> = (value: T) => unknown;

export class FakeEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(value: T): void { for (const l of [...this.listeners]) l(value); }
  dispose(): void { this.listeners = []; }
}

export interface FakeUri { scheme: string; fsPath: string; path: string; toString(): string }
export const fileUri = (path: string): FakeUri => ({ scheme: 'file', fsPath: path, path, toString: () => `file://${path}` });

export function fakeDocument(fileName: string, text: string, version = 1) {
  return { uri: fileUri(fileName), fileName, version, isClosed: false, getText: () => text, offsetAt: (p: number) => p };
}
export type FakeDocument = ReturnType<typeof fakeDocument>;

export class FakePanel {
  title: string;
  visible = true;
  disposed = false;
  readonly posted: unknown[] = [];
  readonly revealed: unknown[][] = [];
  private readonly disposeEmitter = new FakeEmitter<void>();
  private readonly viewState = new FakeEmitter<unknown>();
  private readonly messages = new FakeEmitter<unknown>();
  readonly webview = {
    html: '',
    options: {} as Record<string, unknown>,
    cspSource: 'https://file+.vscode-resource.test',
    asWebviewUri: (u: FakeUri) => ({ ...u, toString: () => `https://file+.vscode-resource.test${u.path}` }),
    postMessage: async (m: unknown) => { this.posted.push(m); return true; },
    onDidReceiveMessage: this.messages.event,
  };
  onDidDispose = this.disposeEmitter.event;
  onDidChangeViewState = this.viewState.event;
  constructor(readonly viewType: string, title: string, readonly showOptions: unknown, options: Record<string, unknown>) {
    this.title = title;
    this.webview.options = options;
  }
  reveal(...args: unknown[]): void { this.revealed.push(args); }
  /** A message from the webview. */
  receive(m: unknown): void { this.messages.fire(m); }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
  /** Posted messages of one type. */
  of<T extends string>(type: T): Array<Record<string, unknown> & { type: T }> {
    return this.posted.filter((m) => (m as { type: string }).type === type) as Array<Record<string, unknown> & { type: T }>;
  }
}

export const panels: FakePanel[] = [];
export const commands = new Map<string, (...args: unknown[]) => unknown>();
export const contextKeys = new Map<string, unknown>();
export const serializers = new Map<string, { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }>();
export const documents = new Map<string, FakeDocument>();
export const activeEditorChanged = new FakeEmitter<unknown>();
export const selectionChanged = new FakeEmitter<unknown>();
export const written: Array<{ path: string; text: string }> = [];
export const ui = {
  activeTextEditor: undefined as unknown,
  visibleTextEditors: [] as unknown[],
  saveTo: undefined as FakeUri | undefined,
  saveDialogs: [] as Array<Record<string, unknown>>,
  messages: [] as string[],
};

export const fakeVscode = {
  ViewColumn: { One: 1, Beside: -2 },
  EventEmitter: FakeEmitter,
  Uri: { file: fileUri, joinPath: (base: FakeUri, ...parts: string[]) => fileUri([base.path, ...parts].join('/')) },
  window: {
    createWebviewPanel: (viewType: string, title: string, showOptions: unknown, options: Record<string, unknown>) => {
      const panel = new FakePanel(viewType, title, showOptions, options);
      panels.push(panel);
      return panel;
    },
    get activeTextEditor() { return ui.activeTextEditor; },
    get visibleTextEditors() { return ui.visibleTextEditors; },
    onDidChangeActiveTextEditor: activeEditorChanged.event,
    onDidChangeTextEditorSelection: selectionChanged.event,
    registerWebviewPanelSerializer: (type: string, s: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }) => {
      serializers.set(type, s);
      return { dispose() {} };
    },
    showSaveDialog: vi.fn(async (options: Record<string, unknown>) => { ui.saveDialogs.push(options); return ui.saveTo; }),
    showInformationMessage: vi.fn(async (m: string) => { ui.messages.push(m); }),
    showWarningMessage: vi.fn(async (m: string) => { ui.messages.push(m); }),
    showErrorMessage: vi.fn(async (m: string) => { ui.messages.push(m); }),
  },
  workspace: {
    openTextDocument: async (uri: FakeUri) => {
      const doc = documents.get(uri.fsPath);
      if (!doc) throw new Error(`no such file ${uri.fsPath}`);
      return doc;
    },
    fs: { writeFile: async (uri: FakeUri, bytes: Uint8Array) => { written.push({ path: uri.fsPath, text: new TextDecoder().decode(bytes) }); } },
    asRelativePath: (uri: FakeUri) => uri.fsPath,
  },
  commands: {
    registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
      commands.set(id, handler);
      return { dispose() {} };
    },
    executeCommand: async (id: string, key: string, value: unknown) => {
      if (id === 'setContext') contextKeys.set(key, value);
    },
  },
};
