// code-server as a child process: throwaway home / XDG / user-data folders,
// extension install, start on 127.0.0.1 on a free port, wait for /healthz,
// and a stop that kills its whole process group (also at exit).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { run } from './exec.mjs';
import { node24Env } from './install.mjs';
import { log } from './log.mjs';
import { onCleanup } from './cleanup.mjs';

/** The settings that keep a fresh VS Code quiet (see shared notes), plus `extra`. */
export function quietSettings(extra = {}) {
  return {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'editor.minimap.enabled': false,
    'editor.accessibilitySupport': 'off',
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
    ...extra,
  };
}

/** Folders of one run, all under `runDir`. */
export function runFolders(runDir) {
  const f = {
    runDir,
    home: join(runDir, 'home'),
    userData: join(runDir, 'user-data'),
    extensions: join(runDir, 'extensions'),
    tmp: join(runDir, 'tmp'),
    log: join(runDir, 'code-server.log'),
  };
  for (const d of [f.home, f.userData, f.extensions, f.tmp]) mkdirSync(d, { recursive: true });
  return f;
}

export function isolatedEnv(paths, folders) {
  return node24Env(paths, {
    HOME: folders.home,
    XDG_CONFIG_HOME: join(folders.home, '.config'),
    XDG_DATA_HOME: join(folders.home, '.local', 'share'),
    XDG_CACHE_HOME: join(folders.home, '.cache'),
    XDG_RUNTIME_DIR: join(folders.tmp),
    TMPDIR: folders.tmp,
    // code-server reads PASSWORD / HASHED_PASSWORD; keep any from the caller out.
    PASSWORD: '',
    HASHED_PASSWORD: '',
    VSCODE_PROXY_URI: '',
  });
}

export async function installExtension(paths, folders, vsix) {
  const out = await run(
    paths.nodeBin,
    [paths.codeServerEntry, '--extensions-dir', folders.extensions, '--user-data-dir', folders.userData, '--install-extension', vsix, '--force'],
    { env: isolatedEnv(paths, folders), timeoutMs: 3 * 60_000 },
  );
  return out.trim();
}

export function writeUserSettings(folders, settings) {
  const dir = join(folders.userData, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 opening `workspace` and resolves once
 * /healthz answers. Returns { url, pid, stop }.
 */
export async function startCodeServer(paths, folders, workspace, { timeoutMs = 90_000 } = {}) {
  const port = await freePort();
  const args = [
    paths.codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', folders.userData,
    '--extensions-dir', folders.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    workspace,
  ];
  const out = createWriteStream(folders.log, { flags: 'a' });
  const child = spawn(paths.nodeBin, args, {
    env: isolatedEnv(paths, folders),
    cwd: folders.runDir,
    detached: true, // its own process group, so stop() kills the extension host and friends too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const stop = killGroup(child, 'code-server');
  const unregister = onCleanup(stop);
  log(`code-server pid ${child.pid} on 127.0.0.1:${port} (log: ${folders.log})`);

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${exited.code ?? exited.signal}); see ${folders.log}`);
    try {
      const res = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`code-server did not answer /healthz within ${timeoutMs / 1000} s; see ${folders.log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      unregister();
      await stop();
    },
  };
}

/** A stop function for a detached child: SIGTERM to its group, SIGKILL after 5 s. */
export function killGroup(child, name) {
  let done = false;
  const gone = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on('exit', resolve);
  });
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    if (done) return;
    done = true;
    signal('SIGTERM');
    const killed = await Promise.race([gone.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (!killed) log(`${name} did not stop on SIGTERM within 5 s: SIGKILL`);
    signal('SIGKILL'); // also anything left in the group (extension host, watchers)
  };
  stop.sync = () => signal('SIGKILL');
  return stop;
}
