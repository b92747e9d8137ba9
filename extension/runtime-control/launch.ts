/**
 * The command lines of the bundled runtime, built from the settings: pure,
 * so what the extension runs is tested without VS Code or a process.
 *
 * The child runs with the workspace folder as its current folder because
 * `nudge serve` keeps its token (.nudge/token), its outbox and its config
 * lookup (nudge.config.json) relative to the current folder; the token
 * reader looks in the same place.
 */
import { join, resolve } from 'node:path';

/** A process to start: what the process manager and the publish runner take. */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ServeSettings {
  /** The nudge package folder (the extension's own folder): dist/cli.js is there. */
  packageRoot: string;
  /** Node to run: `process.execPath` (Electron's in VS Code, made to act as Node by the env). */
  nodePath: string;
  workspaceFolder: string;
  /** The folder of .seq.ts files (see sequenceDir). */
  sequenceDir: string;
  /** nudge.runtime.storeFile: relative to the workspace folder. */
  storeFile: string;
  port: number;
  clock: string;
  env: NodeJS.ProcessEnv;
}

export const cliPath = (packageRoot: string): string => join(packageRoot, 'dist', 'cli.js');

export const storePath = (workspaceFolder: string, storeFile: string): string =>
  resolve(workspaceFolder, storeFile || '.nudge/store.json');

/**
 * ELECTRON_RUN_AS_NODE makes VS Code's Electron binary behave as plain
 * Node; under code-server (or tests) execPath is Node already and the
 * variable is ignored.
 */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, ELECTRON_RUN_AS_NODE: '1' };
}

export function serveLaunch(s: ServeSettings): Launch {
  return {
    command: s.nodePath,
    args: [
      cliPath(s.packageRoot), 'serve',
      '--dir', s.sequenceDir,
      '--store', storePath(s.workspaceFolder, s.storeFile),
      '--port', String(s.port),
      // Never on another interface from the editor: the API is this machine's only.
      '--host', '127.0.0.1',
      '--clock', s.clock,
    ],
    cwd: s.workspaceFolder,
    env: childEnv(s.env),
  };
}

export interface PublishSettings {
  packageRoot: string;
  nodePath: string;
  workspaceFolder: string;
  /** The folder to publish (the sequence folder, or a copy with unsaved editor text). */
  dir: string;
  storeFile: string;
  dryRun: boolean;
  /** Account zone for the checks (a date already passed...). */
  timeZone: string;
  env: NodeJS.ProcessEnv;
}

/**
 * `nudge publish [--dry-run] --json --no-typecheck`. Without the type check,
 * like the server's live reload: the preview then refuses exactly what the
 * server would refuse (type errors are the editor's to show).
 */
export function publishLaunch(s: PublishSettings): Launch {
  return {
    command: s.nodePath,
    args: [
      cliPath(s.packageRoot), 'publish',
      ...(s.dryRun ? ['--dry-run'] : []),
      '--json', '--no-typecheck',
      '--dir', s.dir,
      '--store', storePath(s.workspaceFolder, s.storeFile),
      '--tz', s.timeZone,
    ],
    cwd: s.workspaceFolder,
    env: childEnv(s.env),
  };
}

/** Folders never searched or mirrored: dependencies, and hidden ones (.git, .nudge with the store, outbox and token, .vscode...). */
export const skipFolder = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

/** A visible `*.seq.ts`: what `nudge serve` reads (the same rule as dsl/check/check-file.ts isSequenceFileName). */
export const isSequenceFileName = (name: string): boolean => /^[^.#~][^/\\]*\.seq\.ts$/.test(name);

/** Which folder the runtime serves, or that the user must choose, or that there is none. */
export type SequenceDirChoice =
  | { kind: 'dir'; dir: string }
  | { kind: 'ask'; dirs: string[] }
  | { kind: 'none' };

/**
 * The folder the runtime serves (it reads one folder, not its subfolders):
 * the workspace folder when it holds .seq.ts files; otherwise the folder of
 * the sequence file being edited, if any; otherwise the one folder below
 * that holds .seq.ts files, or the user's choice among several. None at
 * all: nothing to serve, which the caller says instead of starting.
 * `withSequences`: absolute folders holding .seq.ts files (see findSequenceFolders).
 */
export function sequenceDir(workspaceFolder: string, withSequences: readonly string[], activeSequenceFile?: string): SequenceDirChoice {
  const root = resolve(workspaceFolder);
  const dirs = withSequences.map((d) => resolve(d));
  if (dirs.includes(root)) return { kind: 'dir', dir: root };
  if (activeSequenceFile) return { kind: 'dir', dir: resolve(activeSequenceFile, '..') };
  if (dirs.length === 1) return { kind: 'dir', dir: dirs[0] };
  if (dirs.length > 1) return { kind: 'ask', dirs: [...dirs].sort() };
  return { kind: 'none' };
}
