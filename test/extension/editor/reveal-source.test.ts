// @vitest-environment node
/**
 * Where a clicked node or timeline row takes the author: the cursor on the
 * step's method name, the whole call scrolled into view, and a file not in
 * sight opened in the code's column, never over the canvas or the dry run.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

class Position { constructor(readonly line: number, readonly character: number) {} }
class Selection { constructor(readonly anchor: Position, readonly active: Position) {} get isEmpty() { return this.anchor.line === this.active.line && this.anchor.character === this.active.character; } }
class Range { constructor(readonly start: Position, readonly end: Position) {} }

const uri = (path: string) => ({ scheme: 'file', fsPath: path, path, toString: () => `file://${path}` });
function document(fileName: string, text: string) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return {
    uri: uri(fileName), fileName, getText: () => text,
    positionAt(offset: number) {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
      return new Position(line, offset - starts[line]);
    },
  };
}

const ui = { activeTextEditor: undefined as unknown, visibleTextEditors: [] as Array<{ document: ReturnType<typeof document>; viewColumn: number }> };
const opened: Array<{ fileName: string; viewColumn: number | undefined }> = [];
const editors: Array<{ selection?: Selection; revealed?: Range }> = [];
const documents = new Map<string, ReturnType<typeof document>>();
vi.mock('vscode', () => ({
  Position, Selection, Range,
  TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
  ViewColumn: { One: 1, Beside: -2 },
  Uri: { file: uri },
  window: {
    get activeTextEditor() { return ui.activeTextEditor; },
    get visibleTextEditors() { return ui.visibleTextEditors; },
    showTextDocument: async (doc: { fileName: string }, options: { viewColumn?: number }) => {
      opened.push({ fileName: doc.fileName, viewColumn: options.viewColumn });
      const editor: { selection?: Selection; revealed?: Range; revealRange(r: Range): void } = { revealRange(r) { editor.revealed = r; } };
      editors.push(editor);
      return editor;
    },
  },
  workspace: { openTextDocument: async (u: { fsPath: string }) => documents.get(u.fsPath) },
}));
const { revealSource } = await import('../../../extension/editor/reveal-source');
const { trackPanel } = await import('../../../extension/editor/panel-columns');

const SAMPLE = resolve(__dirname, '../../../samples/lead-welcome.seq.ts');
const text = readFileSync(SAMPLE, 'utf8');
const doc = document(SAMPLE, text);
documents.set(SAMPLE, doc);
// `.applyTag('Engaged-Lead')`: the IR's position is the method name's first letter.
const offset = text.indexOf("applyTag('Engaged-Lead')");
const at = doc.positionAt(offset);
const step = { file: SAMPLE, line: at.line + 1, column: at.character + 1 };

const panels: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const p of panels.splice(0)) p.dispose();
  ui.activeTextEditor = undefined;
  ui.visibleTextEditors = [];
  opened.length = 0;
});

describe('revealSource', () => {
  it('puts the cursor on the method name, nothing selected, and scrolls the whole call into view', async () => {
    ui.visibleTextEditors = [{ document: doc, viewColumn: 1 }];
    await revealSource(step);
    expect(opened).toEqual([{ fileName: SAMPLE, viewColumn: 1 }]);
    const editor = editors.at(-1)!;
    expect(editor.selection!.isEmpty).toBe(true);
    expect(editor.selection!.active).toEqual(at);
    expect(editor.revealed!.start).toEqual(at);
    expect(editor.revealed!.end).toEqual(doc.positionAt(offset + "applyTag('Engaged-Lead')".length));
  });

  it("opens a file not in sight in the code's column, not over the canvas that was moved to the first", async () => {
    panels.push(trackPanel('canvas', { viewColumn: 1 }));
    await revealSource(step, 2);
    expect(opened).toEqual([{ fileName: SAMPLE, viewColumn: 2 }]);
  });

  it('without the code column: a column with an editor, else the first no Nudge panel holds', async () => {
    panels.push(trackPanel('canvas', { viewColumn: 1 }), trackPanel('dryRun', { viewColumn: 2 }));
    ui.visibleTextEditors = [{ document: document('/ws/other.ts', ''), viewColumn: 3 }];
    await revealSource(step);
    ui.visibleTextEditors = [];
    await revealSource(step, 1); // the code's column holds the canvas now
    expect(opened).toEqual([{ fileName: SAMPLE, viewColumn: 3 }, { fileName: SAMPLE, viewColumn: 3 }]);
  });
});
