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

/**
 * The folder the runtime serves: the workspace folder when it holds
 * .seq.ts files (the server reads one folder, not its subfolders);
 * otherwise the folder of the sequence file being edited, if any, so a
 * workspace keeping its sequences in `sequences/` still works.
 */
export function sequenceDir(workspaceFolder: string, rootFileNames: readonly string[], activeSequenceFile?: string): string {
  if (rootFileNames.some((n) => n.endsWith('.seq.ts'))) return workspaceFolder;
  if (activeSequenceFile) return resolve(activeSequenceFile, '..');
  return workspaceFolder;
}
