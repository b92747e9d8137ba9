/**
 * Export SVG: the webview has the drawn SVG (Mermaid lays it out in the
 * browser), so the host asks for it, then saves it where the author picks,
 * `<name>.svg` beside the sequence file by default.
 */
import * as vscode from 'vscode';
import { defaultSvgPath } from './svg-file-name';

export interface SvgSource {
  readonly fileName: string | undefined;
  requestSvg(): Promise<string>;
}

/**
 * Never rejects: the toolbar's button posts a message nobody awaits, so a
 * failure (a read-only folder, a full disk...) is said here, naming the
 * file and the cause.
 */
export async function exportCanvasSvg(source: SvgSource): Promise<vscode.Uri | undefined> {
  let target: vscode.Uri | undefined;
  try {
    const svg = await source.requestSvg();
    if (!svg || !source.fileName) {
      void vscode.window.showWarningMessage('Nudge: the canvas has nothing drawn to export yet.');
      return undefined;
    }
    target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(defaultSvgPath(source.fileName)),
      filters: { 'SVG image': ['svg'] },
      title: 'Export Canvas as SVG',
      saveLabel: 'Export',
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    void vscode.window.showInformationMessage(`Nudge: canvas saved to ${vscode.workspace.asRelativePath(target)}.`);
    return target;
  } catch (err) {
    const cause = err instanceof Error ? err.message : String(err);
    const what = source.fileName ? `the canvas of ${source.fileName.split(/[\\/]/).pop()}` : 'the canvas';
    void vscode.window.showErrorMessage(`Nudge: could not export ${what}${target ? ` to ${vscode.workspace.asRelativePath(target)}` : ''}: ${cause}`);
    return undefined;
  }
}
