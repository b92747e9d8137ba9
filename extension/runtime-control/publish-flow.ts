/**
 * Nudge: Publish Sequences… — the impact report first, then publish on confirm.
 *
 * Why two ways: the server publishes by itself. It watches the sequence
 * folder (chokidar, runtime/publish/watch-folder.ts) and every settled save
 * of a valid file becomes a new version at once; there is no publish route.
 * Running `nudge publish` against the store it holds would be overwritten by
 * it. So:
 * - Runtime running: what it "would publish" is the editor's unsaved text.
 *   The preview runs `nudge publish --dry-run` on a copy of the folder with
 *   that text, against a copy of the live store (the copy replays the
 *   store's journal: it sees every change the server acknowledged).
 *   "Publish" saves those files (the server publishes them) and then waits
 *   until GET /sequences shows the new versions, or says where to look.
 * - Runtime stopped: the same preview, then `nudge publish` on the folder
 *   (after saving), whose JSON says what it published.
 * Contacts keep moving between preview and publish, so the figures are
 * those of the moment of the preview; the server logs the final report.
 */
import { mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import * as vscode from 'vscode';
import { accountZone, readSettings } from '../config';
import { impactHeadline, impactReportText, outcomeText, rejectedFiles, type PublishJson } from './impact-text';
import { publishLaunch, storePath } from './launch';
import { mapPaths, runPublishCli, withEditorText } from './publish-cli';
import { RuntimeClient } from './runtime-client';
import { portIsFree } from './runtime-process';
import type { RuntimeController } from './runtime-controller';
import type { ReportDocuments } from './report-documents';
import { pickTarget, type RuntimeTarget } from './workspace-target';
import { nudgeError } from '../../errors/nudge-error';

/** Longer reports open as a document beside the modal, which only fits a few lines. */
const MODAL_LINES = 14;
/** How long the server may take to load and publish the saved files. */
const CONFIRM_TIMEOUT_MS = 30_000;

export async function publishSequences(runtime: RuntimeController, packageRoot: string, reports: ReportDocuments): Promise<void> {
  if (runtime.kind === 'starting' || runtime.kind === 'stopping') {
    // Publishing to the store now would race the server opening or closing it.
    void vscode.window.showInformationMessage(`Nudge: the runtime is ${runtime.kind}; publish again once it has.`);
    return;
  }
  const live = runtime.running;
  const target = live?.target ?? (await pickTarget('publish'));
  if (!target) return;
  const settings = readSettings(target.folder.uri);
  if (!live && !(await confirmNoOtherRuntime(settings.runtimePort))) return;
  const show = (f: string) => relative(target.root, f) || f;
  const base = { packageRoot, nodePath: process.execPath, workspaceFolder: target.root, storeFile: settings.runtimeStoreFile, timeZone: accountZone(settings), env: process.env };

  // Unsaved files of the sequence folder: what saving (or publishing) will take.
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file' && dirname(d.fileName) === target.sequenceDir);
  const preview = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Nudge: computing the impact of publishing…' },
    async () => {
      const view = await withEditorText(target.sequenceDir, new Map(dirty.map((d) => [d.fileName, d.getText()])));
      try {
        return mapPaths(await runPublishCli(publishLaunch({ ...base, dir: view.dir, dryRun: true })), view.realPath);
      } finally {
        await view.dispose();
      }
    },
  );
  const where = live ? `the running runtime (:${live.info.port})` : show(storePath(target.root, settings.runtimeStoreFile));
  const text = impactReportText(preview, show);
  if (preview.versions.length === 0) {
    const say = rejectedFiles(preview).length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    await say(`Nudge: ${impactHeadline(preview, where)}`, { modal: true, detail: text });
    return;
  }
  const long = text.split('\n').length > MODAL_LINES;
  if (long) await reports.show('Publish impact', `${impactHeadline(preview, where)}\n\n${text}\n`);
  const detail = long ? `The full report is open beside the editor.\n\n${text.split('\n').slice(0, MODAL_LINES).join('\n')}\n…` : text;
  const choice = await vscode.window.showWarningMessage(impactHeadline(preview, where), { modal: true, detail }, 'Publish');
  if (choice !== 'Publish') return;

  for (const d of dirty) {
    if (!(await d.save())) throw nudgeError('NUDGE_ERR_PUBLISH', { problem: `Could not save ${show(d.fileName)}, so nothing was published: save it by hand and publish again.` });
  }
  if (live) {
    await confirmLive(runtime, preview, show);
  } else {
    mkdirSync(dirname(storePath(target.root, settings.runtimeStoreFile)), { recursive: true });
    const done = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Nudge: publishing to ${where}…` },
      () => runPublishCli(publishLaunch({ ...base, dir: target.sequenceDir, dryRun: false })),
    );
    reportOutcome(done.versions, rejectedFiles(done).map((f) => show(f.file)), target);
  }
}

/** Saved: wait until the server shows every previewed version (it publishes each file as its save settles). */
async function confirmLive(runtime: RuntimeController, preview: PublishJson, show: (f: string) => string): Promise<void> {
  const expected = new Map(preview.versions.map((v) => [v.sequenceId, v.version]));
  const seen = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Nudge: the runtime is publishing the saved files…' },
    async () => {
      const deadline = Date.now() + CONFIRM_TIMEOUT_MS;
      for (;;) {
        const live = runtime.running;
        if (!live) throw nudgeError('NUDGE_ERR_PUBLISH', { problem: 'The runtime stopped while publishing. The saved files are published at its next start; see the Nudge Runtime log.' });
        const versions = new Map((await live.client.sequences()).map((s) => [s.id, s.version]));
        if ([...expected].every(([id, v]) => (versions.get(id) ?? 0) >= v) || Date.now() > deadline) return versions;
        await new Promise((r) => setTimeout(r, 300));
      }
    },
  );
  void runtime.pollNow();
  const published = [...expected.keys()].filter((id) => (seen.get(id) ?? 0) >= expected.get(id)!).map((id) => ({ sequenceId: id, version: seen.get(id)! }));
  const missing = [...expected.keys()].filter((id) => (seen.get(id) ?? 0) < expected.get(id)!);
  if (missing.length) {
    const choice = await vscode.window.showErrorMessage(
      `Nudge: the runtime has not published ${missing.join(', ')} within ${CONFIRM_TIMEOUT_MS / 1000} s (${outcomeText(published, rejectedFiles(preview).map((f) => show(f.file)))}). It refuses a file that fails its checks and logs why: see the Nudge Runtime log.`,
      'Show Log',
    );
    if (choice === 'Show Log') runtime.output.show(true);
    return;
  }
  void vscode.window.showInformationMessage(`Nudge: ${outcomeText(published, rejectedFiles(preview).map((f) => show(f.file)))}`);
}

/**
 * A runtime started outside this window (in a terminal) on the configured
 * port may hold the same store: it would overwrite a CLI publish. Ask.
 */
async function confirmNoOtherRuntime(port: number): Promise<boolean> {
  if (await portIsFree(port)) return true;
  const isNudge = await new RuntimeClient(`http://127.0.0.1:${port}`, undefined, 1000).health().then(() => true, () => false);
  if (!isNudge) return true;
  const choice = await vscode.window.showWarningMessage(
    `Nudge: a Nudge runtime not started from this window runs on port ${port}.`,
    { modal: true, detail: 'If it uses this store, it publishes saved files by itself and would overwrite a publish made now: save the files instead, or stop it and publish again.' },
    'Publish Anyway',
  );
  return choice === 'Publish Anyway';
}

function reportOutcome(versions: PublishJson['versions'], rejected: string[], target: RuntimeTarget): void {
  const text = outcomeText(versions.map((v) => ({ sequenceId: v.sequenceId, version: v.version })), rejected);
  const say = rejected.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void say(`Nudge: ${text} (store in ${target.folder.name})`);
}
