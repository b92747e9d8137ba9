// Bundles the CLI and its delivery thread, the VS Code extension, its dry-run worker and its webview
// scripts with esbuild. Node-side dependencies stay external: they are
// installed beside the bundle (and packaged into the .vsix), and
// esbuild/typescript must not be inlined. Webview scripts run in a browser
// frame with no network, so they bundle everything they use (Mermaid too).
//
// `--types` also writes the DSL's declarations to dist/types/ (what `import
// { sequence } from 'nudge'` type-checks against in a project that installed
// the package): `npm pack` and `npm publish` run it through `prepack`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

// npm runs `prepare` as well as `prepack` when it packs; `prepack` builds then.
if (process.env.npm_lifecycle_event === 'prepare' && ['pack', 'publish'].includes(process.env.npm_command ?? '')) process.exit(0);

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

const webview = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...node, entryPoints: ['runtime/cli/main.ts'], outfile: 'dist/cli.js' }),
  // The worker thread that renders and sends `nudge serve`'s outbox items (found beside dist/cli.js).
  build({ ...node, entryPoints: ['runtime/delivery/delivery-thread.ts'], outfile: 'dist/delivery-thread.js' }),
  // The DSL that sequence files import, prebuilt for the loader's child (no source map: its frames are the DSL's own).
  build({ ...node, entryPoints: ['dsl/index.ts'], outfile: 'dist/dsl.cjs', sourcemap: false }),
  build({ ...node, entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...node, entryPoints: ['extension/dry-run/dry-run-worker.ts'], outfile: 'dist/dry-run-worker.js' }),
  build({ ...node, entryPoints: ['extension/language/type-check-worker.ts'], outfile: 'dist/type-check-worker.js' }),
  build({ ...webview, entryPoints: ['extension/webview/canvas/main.ts'], outfile: 'dist/webview/canvas.js' }),
  build({ ...webview, entryPoints: ['extension/webview/dry-run/main.ts'], outfile: 'dist/webview/dry-run.js' }),
  buildTsServerPlugin(),
]);
if (process.argv.includes('--types')) buildDeclarations();

/** The DSL's .d.ts files (tsconfig.types.json), written afresh so no stale declaration ships. */
function buildDeclarations() {
  rmSync('dist/types', { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
}

/**
 * The TypeScript server plugin (extension/ts-plugin/), as the package
 * node_modules/nudge-ts-plugin: VS Code's TypeScript server loads a
 * contributed plugin by package name from the extension's node_modules
 * (package.json `contributes.typescriptServerPlugins`). It is not an npm
 * dependency: `npm ci` removes it and `prepare` builds it again, and vsce
 * packages it like the dependencies (`npm list` names it, as extraneous).
 * The module's export must be the plugin's factory itself.
 */
async function buildTsServerPlugin() {
  const dir = 'node_modules/nudge-ts-plugin';
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, `${JSON.stringify({
    name: 'nudge-ts-plugin',
    version: '0.1.0',
    private: true,
    description: "Built by nudge's scripts/build.mjs from extension/ts-plugin/: resolves import 'nudge' for VS Code's TypeScript server.",
    main: 'index.js',
  }, null, 2)}\n`);
  await build({
    ...node,
    sourcemap: false,
    stdin: { contents: "module.exports = require('./nudge-ts-plugin').init;", resolveDir: 'extension/ts-plugin', sourcefile: 'nudge-ts-plugin-entry.js', loader: 'js' },
    outfile: `${dir}/index.js`,
  });
}
