/**
 * Runs `nudge publish [--dry-run] --json` and reads its JSON (no vscode).
 *
 * The preview must show what will be published, and what the editor holds
 * may not be saved yet: `withEditorText` gives a temporary copy of the
 * folder's top-level files with the unsaved text written over them, and a
 * way to map the copy's paths back. Top-level files only, like the server
 * (it reads one folder); a sequence importing from a parent folder cannot
 * be previewed from the copy, and says so through its load error.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Launch } from './launch';
import { parsePublishJson, type PublishJson } from './impact-text';

export class PublishCliError extends Error {
  override name = 'PublishCliError';
}

/** Exit 0: published or previewed; 1: some file has errors (still JSON); 2: usage error (stderr says). */
export function runPublishCli(launch: Launch, timeoutMs = 120_000): Promise<PublishJson> {
  return new Promise((res, rej) => {
    execFile(launch.command, launch.args, { cwd: launch.cwd, env: launch.env, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number | string; killed?: boolean }) | null;
      if (e && (e.killed || typeof e.code !== 'number')) {
        rej(new PublishCliError(e.killed ? `nudge publish took longer than ${timeoutMs / 1000} s and was stopped.` : `Could not run nudge publish: ${e.message}`));
        return;
      }
      if (e && e.code !== 1) {
        rej(new PublishCliError(`nudge publish failed (exit ${e.code}): ${stderr.trim() || stdout.trim() || 'no output'}`));
        return;
      }
      try {
        res(parsePublishJson(stdout));
      } catch (parseErr) {
        rej(new PublishCliError(`${(parseErr as Error).message}${stderr.trim() ? ` stderr: ${stderr.trim()}` : ''}`));
      }
    });
  });
}

export interface FolderView {
  /** The folder to give to --dir. */
  dir: string;
  /** A path of the report back to the real folder. */
  realPath(file: string): string;
  dispose(): Promise<void>;
}

/** Files worth copying: what a sequence file may import, not the store, outbox or logs. */
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;

/** The folder itself when nothing is unsaved; otherwise a temporary copy with the editor's text. */
export async function withEditorText(dir: string, unsaved: ReadonlyMap<string, string>): Promise<FolderView> {
  const real = resolve(dir);
  const mine = [...unsaved].filter(([file]) => dirname(resolve(file)) === real);
  if (mine.length === 0) return { dir: real, realPath: (f) => f, dispose: async () => undefined };
  const copy = await mkdtemp(join(tmpdir(), 'nudge-publish-preview-'));
  try {
    for (const entry of await readdir(real, { withFileTypes: true })) {
      if (entry.isFile() && SOURCE.test(entry.name)) await copyFile(join(real, entry.name), join(copy, entry.name));
    }
    for (const [file, text] of mine) await writeFile(join(copy, basename(file)), text);
  } catch (err) {
    await rm(copy, { recursive: true, force: true });
    throw err;
  }
  return {
    dir: copy,
    realPath: (f) => (f.startsWith(copy + sep) ? join(real, f.slice(copy.length + 1)) : f),
    dispose: () => rm(copy, { recursive: true, force: true }),
  };
}

/** Every path in the report mapped back from the copy, so messages name the user's files. */
export function mapPaths(p: PublishJson, realPath: (file: string) => string): PublishJson {
  return {
    ...p,
    files: p.files.map((f) => ({
      ...f,
      file: realPath(f.file),
      diagnostics: f.diagnostics.map((d) => (d.source?.file ? { ...d, source: { ...d.source, file: realPath(d.source.file) } } : d)),
    })),
  };
}
