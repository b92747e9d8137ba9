/**
 * Runs `nudge publish [--dry-run] --json` and reads its JSON (no vscode).
 *
 * The preview must show what will be published, and what the editor holds
 * may not be saved yet: `withEditorText` gives a temporary mirror of the
 * folder with the unsaved text written over it, and a way to map the
 * mirror's paths back. The whole tree is mirrored (not node_modules, .git,
 * .nudge or other dot-folders), so a sequence importing `./lib/names`
 * finds it there; the source files are copied (a copied file imports its
 * neighbours in the mirror, edited or not), other files linked where the
 * system allows it. A sequence importing from a parent folder cannot be
 * previewed from the mirror, and says so through its load error.
 */
import { execFile } from 'node:child_process';
import { NudgeError } from '../../errors/nudge-error';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { skipFolder, type Launch } from './launch';
import { parsePublishJson, type PublishJson } from './impact-text';

export class PublishCliError extends NudgeError<'NUDGE_ERR_PUBLISH_CLI'> {
  override name = 'PublishCliError';
  constructor(problem: string) {
    super('NUDGE_ERR_PUBLISH_CLI', { problem });
  }
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

/** Files copied into the mirror: what a sequence file imports as code. Others are linked (or copied where links fail). */
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;

/** The folder itself when nothing is unsaved; otherwise a temporary mirror of its tree with the editor's text. */
export async function withEditorText(dir: string, unsaved: ReadonlyMap<string, string>): Promise<FolderView> {
  const real = resolve(dir);
  const mine = new Map<string, string>();
  for (const [file, text] of unsaved) {
    const rel = relative(real, resolve(file));
    if (rel && !rel.startsWith('..') && !rel.split(sep).slice(0, -1).some(skipFolder)) mine.set(rel, text);
  }
  if (mine.size === 0) return { dir: real, realPath: (f) => f, dispose: async () => undefined };
  const copy = await mkdtemp(join(tmpdir(), 'nudge-publish-preview-'));
  try {
    await mirror(real, copy, new Set(mine.keys()), '');
    for (const [rel, text] of mine) {
      await mkdir(join(copy, rel, '..'), { recursive: true });
      await writeFile(join(copy, rel), text);
    }
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

/** Mirrors `from` into `to`: folders made, source files copied, other files linked; `overlaid` (relative paths) left for the caller to write. */
async function mirror(from: string, to: string, overlaid: ReadonlySet<string>, rel: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const relPath = rel ? join(rel, entry.name) : entry.name;
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) {
      if (skipFolder(entry.name)) continue;
      await mkdir(dst);
      await mirror(src, dst, overlaid, relPath);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (overlaid.has(relPath)) continue; // never a link: writing the editor's text through it would change the real file
      if (entry.isFile() && SOURCE.test(entry.name)) await copyFile(src, dst);
      else await symlink(src, dst).catch(() => (entry.isFile() ? copyFile(src, dst) : undefined)); // no links here (Windows without the right): copy
    }
  }
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
