// Bundles the CLI (and, later, the extension) with esbuild. Dependencies stay
// external: they are installed beside the bundle, and esbuild/typescript must
// not be inlined.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['runtime/cli/main.ts'], outfile: 'dist/cli.js' });
