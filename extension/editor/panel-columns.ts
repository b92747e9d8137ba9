/**
 * Where Nudge's two panels open, so that both stay in sight next to the
 * code: the canvas in the column beside the code, the dry run in the column
 * after that (code | canvas | dry run). Each opens beside the code's column
 * and skips the columns the code and the other panel already hold; VS Code
 * creates the editor group when the column does not exist yet. Code opened
 * from a panel (a clicked node or timeline row) goes to the code's column
 * (see codeColumn), not over a panel.
 */
import * as vscode from 'vscode';

export type NudgePanelKind = 'canvas' | 'dryRun';

/** VS Code has nine editor columns. */
const LAST_COLUMN = 9;

const open = new Map<NudgePanelKind, Pick<vscode.WebviewPanel, 'viewColumn'>>();

/**
 * The first column after `codeColumn` (default: the first) that none of
 * `taken` holds. Pure, for the tests.
 */
export function columnBeside(codeColumn: number | undefined, taken: ReadonlyArray<number | undefined>): number {
  let column = (codeColumn ?? 1) + 1;
  while (taken.includes(column) && column < LAST_COLUMN) column++;
  return column;
}

/** Remembers where a panel is, for the other one; forgotten when the panel goes. */
export function trackPanel(kind: NudgePanelKind, panel: Pick<vscode.WebviewPanel, 'viewColumn'>): vscode.Disposable {
  open.set(kind, panel);
  return { dispose: () => { if (open.get(kind) === panel) open.delete(kind); } };
}

/** The column a new panel of this kind opens in, given the column of the code it shows (if it is in sight). */
export function panelColumn(kind: NudgePanelKind, codeColumn: number | undefined): number {
  const others = [...open].filter(([k]) => k !== kind).map(([, p]) => p.viewColumn);
  return columnBeside(codeColumn, [codeColumn, ...others]);
}

/**
 * Where to reveal an open panel: where it is, unless it shares the code's or
 * the other panel's column (it would hide them), then in a column of its own.
 */
export function revealColumn(kind: NudgePanelKind, panel: Pick<vscode.WebviewPanel, 'viewColumn'>, codeColumn: number | undefined): number | undefined {
  const others = [...open].filter(([k, p]) => k !== kind && p !== panel).map(([, p]) => p.viewColumn);
  const here = panel.viewColumn;
  if (here !== undefined && here !== codeColumn && !others.includes(here)) return undefined;
  return columnBeside(codeColumn, [codeColumn, ...others]);
}

/** The column of the editor showing `uri` (the active one first), else of the active editor. */
export function codeColumnOf(uri: vscode.Uri | undefined): number | undefined {
  const active = vscode.window.activeTextEditor;
  if (!uri) return active?.viewColumn;
  const key = uri.toString();
  if (active && active.document.uri.toString() === key) return active.viewColumn;
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key)?.viewColumn ?? active?.viewColumn;
}

/**
 * Where to open code that is not in sight, so that it covers neither Nudge
 * panel: `preferred` (the column of the code the panel belongs to) unless a
 * Nudge panel holds it now; else the active editor's column, else the first
 * visible editor's, that holds none; else the first column none holds.
 */
export function codeColumn(preferred?: number): number {
  const taken = [...open.values()].map((p) => p.viewColumn);
  const free = (c: number | undefined): c is number => c !== undefined && c >= 1 && !taken.includes(c);
  if (free(preferred)) return preferred;
  const active = vscode.window.activeTextEditor?.viewColumn;
  if (free(active)) return active;
  const visible = vscode.window.visibleTextEditors.map((e) => e.viewColumn).filter(free).sort((a, b) => a - b);
  if (visible.length > 0) return visible[0];
  let column = 1;
  while (taken.includes(column) && column < LAST_COLUMN) column++;
  return column;
}
