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

export async function exportCanvasSvg(source: SvgSource): Promise<vscode.Uri | undefined> {
  const svg = await source.requestSvg();
  if (!svg || !source.fileName) {
    void vscode.window.showWarningMessage('Nudge: the canvas has nothing drawn to export yet.');
    return undefined;
  }
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(defaultSvgPath(source.fileName)),
    filters: { 'SVG image': ['svg'] },
    title: 'Export Canvas as SVG',
    saveLabel: 'Export',
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
  void vscode.window.showInformationMessage(`Nudge: canvas saved to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}
