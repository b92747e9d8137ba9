// @vitest-environment node
/**
 * Where the canvas and the dry-run panel open: beside the code, each in a
 * column of its own, never over the code or the other panel.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const ui = { activeTextEditor: undefined as unknown, visibleTextEditors: [] as unknown[] };
vi.mock('vscode', () => ({
  window: {
    get activeTextEditor() { return ui.activeTextEditor; },
    get visibleTextEditors() { return ui.visibleTextEditors; },
  },
}));
const { codeColumnOf, columnBeside, panelColumn, revealColumn, trackPanel } = await import('../../../extension/editor/panel-columns');

const uri = (path: string) => ({ toString: () => `file://${path}` });
const editor = (path: string, viewColumn: number) => ({ document: { uri: uri(path) }, viewColumn });
const tracked: Array<{ dispose(): void }> = [];
const track = (kind: 'canvas' | 'dryRun', viewColumn: number | undefined) => {
  const panel = { viewColumn };
  tracked.push(trackPanel(kind, panel));
  return panel;
};
afterEach(() => { for (const t of tracked.splice(0)) t.dispose(); });

describe('columnBeside', () => {
  it('is the column after the code, skipping the taken ones', () => {
    expect(columnBeside(1, [1])).toBe(2);
    expect(columnBeside(1, [1, 2])).toBe(3);
    expect(columnBeside(2, [2, 3])).toBe(4);
    expect(columnBeside(undefined, [])).toBe(2);
    expect(columnBeside(8, [8, 9])).toBe(9); // VS Code has nine columns
  });
});

describe('panelColumn: code | canvas | dry run', () => {
  it('opens the canvas beside the code, and the dry run after the canvas', () => {
    expect(panelColumn('canvas', 1)).toBe(2);
    track('canvas', 2);
    expect(panelColumn('dryRun', 1)).toBe(3);
  });

  it('opens the canvas after a dry-run panel that is already beside the code', () => {
    track('dryRun', 2);
    expect(panelColumn('canvas', 1)).toBe(3);
  });

  it('forgets a closed panel', () => {
    track('canvas', 2);
    for (const t of tracked.splice(0)) t.dispose();
    expect(panelColumn('dryRun', 1)).toBe(2);
  });

  it('code in the second column (the canvas moved to the first): the dry run goes to the third', () => {
    track('canvas', 1);
    expect(panelColumn('dryRun', 2)).toBe(3);
  });
});

describe('revealColumn', () => {
  it('leaves an open panel where it is when it covers neither the code nor the other panel', () => {
    track('canvas', 2);
    const dryRun = track('dryRun', 3);
    expect(revealColumn('dryRun', dryRun, 1)).toBeUndefined();
  });

  it('moves a dry-run panel that shares the canvas\'s column (or the code\'s) to a column of its own', () => {
    track('canvas', 2);
    const dryRun = track('dryRun', 2);
    expect(revealColumn('dryRun', dryRun, 1)).toBe(3);
    dryRun.viewColumn = 1;
    expect(revealColumn('dryRun', dryRun, 1)).toBe(3);
  });
});

describe('codeColumnOf', () => {
  it('is the column of the editor showing the file, else of the active editor', () => {
    ui.activeTextEditor = editor('/ws/notes.md', 1);
    ui.visibleTextEditors = [ui.activeTextEditor, editor('/ws/a.seq.ts', 2)];
    expect(codeColumnOf(uri('/ws/a.seq.ts') as never)).toBe(2);
    expect(codeColumnOf(uri('/ws/b.seq.ts') as never)).toBe(1);
    expect(codeColumnOf(undefined)).toBe(1);
    ui.activeTextEditor = undefined;
    ui.visibleTextEditors = [];
    expect(codeColumnOf(uri('/ws/a.seq.ts') as never)).toBeUndefined();
  });
});
