// Packages the VS Code extension as platform-specific .vsix files
// (`vsce package --target`). The extension bundles sequence files with
// esbuild's JS API (dsl/loader/bundle.ts, in the CLI and the extension host),
// which drives esbuild's native binary from the package @esbuild/<platform>:
// each .vsix carries the one for its platform, fetched with `npm pack` once
// and kept in .vsix-cache/.
//
//   node scripts/package-vsix.mjs                  this machine's platform → dist/nudge.vsix
//   node scripts/package-vsix.mjs --all            every target → dist/vsix/nudge-<target>.vsix
//   node scripts/package-vsix.mjs --target win32-x64 [--out file.vsix] [--ignore-file file]
//
// Each run stages in a temporary folder: the files vsce lists for the
// repository (.vscodeignore applies), the production dependencies, and the
// target's esbuild binary; vsce then packages the stage. Staging keeps the
// repository's node_modules untouched, and lets package.json carry the npm
// package's `files` (vsce refuses `files` beside a .vscodeignore).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(join(ROOT, 'package.json'));
const { listFiles, PackageManager } = require('@vscode/vsce');

/** VS Code's targets and the esbuild package whose binary runs there (Alpine's musl runs esbuild's static Linux builds). */
export const TARGETS = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'linux-armhf': 'linux-arm',
  'alpine-x64': 'linux-x64',
  'alpine-arm64': 'linux-arm64',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64',
  'win32-arm64': 'win32-arm64',
};

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const esbuildVersion = JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The package folder of `name` as Node resolves it from `fromDir` (nested node_modules first). */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every package the production dependencies need, as folders relative to
 * the repository (node_modules/a, node_modules/a/node_modules/b). Follows
 * dependencies and installed optional dependencies, except esbuild's
 * platform binaries: the target's one is added per target. Plus the
 * TypeScript server plugins.
 */
function productionPackages() {
  const found = new Set();
  const visit = (name, fromDir, optional) => {
    if (name.startsWith('@esbuild/')) return;
    const dir = packageDir(name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} (needed from ${relative(ROOT, fromDir) || '.'}) is not installed: run npm ci`);
    }
    const rel = relative(ROOT, dir);
    if (found.has(rel)) return;
    found.add(rel);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, ROOT, false);
  // The TypeScript server plugins VS Code loads by package name from the
  // extension's node_modules: built there by scripts/build.mjs, no npm dependency.
  for (const plugin of manifest.contributes?.typescriptServerPlugins ?? []) visit(plugin.name, ROOT, false);
  return [...found].sort();
}

/** The target's @esbuild/<platform> package, unpacked into the cache (npm pack; once per version). */
function esbuildBinaryPackage(platform) {
  const cache = join(ROOT, '.vsix-cache', `esbuild-${esbuildVersion}`);
  const unpacked = join(cache, platform);
  if (existsSync(join(unpacked, 'package.json'))) return unpacked;
  const installed = packageDir(`@esbuild/${platform}`, join(ROOT, 'node_modules', 'esbuild'));
  if (installed && JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version === esbuildVersion) return installed;
  mkdirSync(cache, { recursive: true });
  const out = execFileSync(npm, ['pack', `@esbuild/${platform}@${esbuildVersion}`, '--pack-destination', cache, '--prefer-offline', '--loglevel=error'], { cwd: cache, encoding: 'utf8' });
  const tarball = join(cache, out.trim().split('\n').pop());
  mkdirSync(`${unpacked}.tmp`, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', `${unpacked}.tmp`, '--strip-components=1']);
  rmSync(tarball);
  cpSync(`${unpacked}.tmp`, unpacked, { recursive: true });
  rmSync(`${unpacked}.tmp`, { recursive: true });
  return unpacked;
}

/** The extension's own files (not its dependencies), as vsce lists them with the repository's .vscodeignore. */
async function extensionFiles(ignoreFile) {
  return listFiles({ cwd: ROOT, packageManager: PackageManager.None, ignoreFile });
}

/** Copies the files and the dependencies into a fresh stage (esbuild's binary comes per target). */
function stage(dir, files, packages) {
  rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    if (f === 'package.json') continue;
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dir, f));
  }
  for (const p of packages) cpSync(join(ROOT, p), join(dir, p), { recursive: true, dereference: true, filter: (src) => !src.slice(join(ROOT, p).length).includes('/node_modules/') });
  // The manifest without what only the repository uses: vsce must neither
  // build again (vscode:prepublish) nor see the npm package's `files`.
  const { scripts: _scripts, files: _files, devDependencies: _dev, ...extensionManifest } = manifest;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(extensionManifest, null, 2)}\n`);
  // What vsce leaves out of the dependencies (esbuild's CLI copy, TypeScript's server...): the repository's rules.
  cpSync(join(ROOT, '.vscodeignore'), join(dir, '.vscodeignore'));
}

/** The stage's @esbuild/ holds the target's binary package only. */
function useEsbuildBinary(dir, target) {
  const scope = join(dir, 'node_modules', '@esbuild');
  rmSync(scope, { recursive: true, force: true });
  cpSync(esbuildBinaryPackage(TARGETS[target]), join(scope, TARGETS[target]), { recursive: true });
}

function vscePackage(dir, target, out) {
  mkdirSync(dirname(out), { recursive: true });
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--target', target, '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', out], { cwd: dir, stdio: 'inherit' });
}

function parseArgs(argv) {
  const value = (flag) => { const i = argv.indexOf(flag); return i >= 0 ? argv[i + 1] : undefined; };
  const host = `${process.platform}-${process.arch}`;
  if (argv.includes('--all')) return { targets: Object.keys(TARGETS), out: (t) => join(ROOT, 'dist', 'vsix', `nudge-${t}.vsix`), ignoreFile: value('--ignore-file') };
  const target = value('--target') ?? host;
  if (!(target in TARGETS)) throw new Error(`unknown target ${target}; one of ${Object.keys(TARGETS).join(', ')}`);
  const out = resolve(value('--out') ?? join(ROOT, 'dist', 'nudge.vsix'));
  return { targets: [target], out: () => out, ignoreFile: value('--ignore-file') };
}

async function main() {
  const { targets, out, ignoreFile } = parseArgs(process.argv.slice(2));
  const files = await extensionFiles(ignoreFile);
  const packages = productionPackages();
  const dir = mkdtempSync(join(tmpdir(), 'nudge-vsix-stage-'));
  stage(dir, files, packages);
  try {
    for (const target of targets) {
      const started = Date.now();
      useEsbuildBinary(dir, target);
      vscePackage(dir, target, out(target));
      console.log(`${target}: ${relative(process.cwd(), out(target))} (@esbuild/${TARGETS[target]}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`package-vsix: ${err.message}`);
  process.exit(1);
}
