// Packs the repository as npm does and installs the tarball into a fresh
// project of its own, the way a user gets Nudge: shared by the package tests.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// Asynchronous, so that vitest's worker keeps answering its runner during the long npm runs.
const run = promisify(execFile);

export interface Packed {
  tarball: string;
  /** Paths inside the package, as `npm pack --json` lists them. */
  files: string[];
  size: number;
  unpackedSize: number;
}

/** `npm pack` with its lifecycle scripts (prepack builds dist/ and the declarations). */
export async function pack(dir: string): Promise<Packed> {
  const { stdout: out } = await run(npm, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // The lifecycle scripts may print before the JSON array.
  const info = JSON.parse(out.slice(out.indexOf('\n[') + 1 || out.indexOf('[')))[0];
  return { tarball: join(dir, info.filename), files: info.files.map((f: { path: string }) => f.path), size: info.size, unpackedSize: info.unpackedSize };
}

/**
 * A new project with the tarball installed as a dependency. Install scripts
 * are off (as npm 11 leaves a dependency's); `--prefer-offline` takes what
 * npm's cache holds and asks the registry only for what it lacks.
 */
export async function installInFreshProject(tarball: string): Promise<string> {
  const project = mkdtempSync(join(tmpdir(), 'nudge-user-project-'));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'my-campaigns', version: '1.0.0', private: true }, null, 2)}\n`);
  mkdirSync(join(project, 'sequences'));
  await run(npm, ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project, timeout: 300_000 });
  return project;
}

export interface Run { code: number | null; stdout: string; stderr: string }

/** A command of the project's own node_modules/.bin (what `npx <name>` runs there). */
export async function runBin(project: string, name: string, args: string[], cwd = project): Promise<Run> {
  const bin = join(project, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  try {
    const { stdout, stderr } = await run(bin, args, { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : null, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) };
  }
}
