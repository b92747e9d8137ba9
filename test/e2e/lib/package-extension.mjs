// Builds the extension and packages it as a .vsix with the project's vsce,
// then checks that the package holds what the extension needs at run time.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.mjs';
import { log, timed } from './log.mjs';
import { zipEntries } from './zip.mjs';

/**
 * `node scripts/build.mjs`, then the linux-x64 package of
 * scripts/package-vsix.mjs (vsce, on a stage of the files it lists). The cache
 * folder is kept out of the package through an ignore file made from
 * .vscodeignore plus `cacheRel/**` (vsce would otherwise pack code-server's 600 MB).
 */
export async function buildAndPackage(repo, cacheDir, cacheRel, vsix) {
  await timed('Build (node scripts/build.mjs)', () => run(process.execPath, ['scripts/build.mjs'], { cwd: repo, echo: true }));

  const ignoreFile = join(cacheDir, `vscodeignore-${process.pid}`);
  let ignore = readFileSync(join(repo, '.vscodeignore'), 'utf8');
  if (!ignore.split('\n').some((l) => l.trim() === `${cacheRel}/**`)) ignore += `\n${cacheRel}/**\n`;
  writeFileSync(ignoreFile, ignore);

  const args = ['scripts/package-vsix.mjs', '--target', 'linux-x64', '--ignore-file', ignoreFile, '--out', vsix];
  try {
    // vsce fails ("file data stream has unexpected number of bytes") when a file
    // changes while it zips, e.g. another build rewriting dist/ in a shared work
    // tree: build and package once more before giving up.
    try {
      await timed('Package (scripts/package-vsix.mjs)', () => run(process.execPath, args, { cwd: repo, timeoutMs: 5 * 60_000 }));
    } catch (err) {
      log(`vsce package failed, building and packaging once more: ${String(err.message).split('\n').find((l) => /Error/.test(l)) ?? ''}`);
      await run(process.execPath, ['scripts/build.mjs'], { cwd: repo });
      await timed('Package (scripts/package-vsix.mjs), second try', () => run(process.execPath, args, { cwd: repo, timeoutMs: 5 * 60_000 }));
    }
  } finally {
    rmSync(ignoreFile, { force: true });
  }
  const size = statSync(vsix).size;
  const entries = zipEntries(vsix);
  log(`${vsix}: ${(size / 1024 / 1024).toFixed(1)} MB, ${entries.length} files`);
  checkContents(repo, entries);
  return { vsix, size, files: entries.length };
}

/** Throws listing what is missing from the package. */
function checkContents(repo, entries) {
  const have = new Set(entries);
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const required = [
    'extension/package.json',
    `extension/${pkg.main.replace(/^\.\//, '')}`,
    'extension/dist/webview/canvas.js',
    'extension/dist/webview/dry-run.js',
    'extension/dist/cli.js',
    'extension/dist/dry-run-worker.js',
    'extension/dist/type-check-worker.js',
    'extension/dist/dsl.cjs',
    'extension/dsl/index.ts',
    'extension/dsl/loader/child-runner.cjs',
    // The TypeScript server plugin (contributes.typescriptServerPlugins), built by scripts/build.mjs.
    ...(pkg.contributes?.typescriptServerPlugins ?? []).map((p) => `extension/node_modules/${p.name}/index.js`),
    // Production dependencies the bundles leave external, and esbuild's native binary for this platform.
    ...Object.keys(pkg.dependencies ?? {}).map((d) => `extension/node_modules/${d}/package.json`),
    'extension/node_modules/@esbuild/linux-x64/bin/esbuild',
  ];
  const missing = required.filter((f) => !have.has(f));
  const dsl = entries.filter((e) => e.startsWith('extension/dsl/')).length;
  const webview = entries.filter((e) => /^extension\/dist\/webview\/[^/]+\.js$/.test(e));
  const modules = new Set(
    entries
      .filter((e) => e.startsWith('extension/node_modules/'))
      .map((e) => e.split('/').slice(2, e.split('/')[2].startsWith('@') ? 4 : 3).join('/')),
  );
  log(`Package contents: dsl/ ${dsl} files; webview scripts ${webview.map((w) => w.split('/').pop()).join(', ')}; ${modules.size} node_modules packages`);
  if (missing.length) throw new Error(`the .vsix lacks:\n  ${missing.join('\n  ')}`);
  const devOnly = Object.keys(pkg.devDependencies ?? {}).filter((d) => modules.has(d));
  if (devOnly.length) log(`note: dev dependencies inside the .vsix: ${devOnly.join(', ')}`);
}
