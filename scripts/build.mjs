// Bundles the CLI, the VS Code extension, its dry-run worker and its webview
// scripts with esbuild. Node-side dependencies stay external: they are
// installed beside the bundle (and packaged into the .vsix), and
// esbuild/typescript must not be inlined. Webview scripts run in a browser
// frame with no network, so they bundle everything they use (Mermaid too).
import { build } from 'esbuild';

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
  // The DSL that sequence files import, prebuilt for the loader's child (no source map: its frames are the DSL's own).
  build({ ...node, entryPoints: ['dsl/index.ts'], outfile: 'dist/dsl.cjs', sourcemap: false }),
  build({ ...node, entryPoints: ['extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...node, entryPoints: ['extension/dry-run/dry-run-worker.ts'], outfile: 'dist/dry-run-worker.js' }),
  build({ ...node, entryPoints: ['extension/language/type-check-worker.ts'], outfile: 'dist/type-check-worker.js' }),
  build({ ...webview, entryPoints: ['extension/webview/canvas/main.ts'], outfile: 'dist/webview/canvas.js' }),
  build({ ...webview, entryPoints: ['extension/webview/dry-run/main.ts'], outfile: 'dist/webview/dry-run.js' }),
]);
