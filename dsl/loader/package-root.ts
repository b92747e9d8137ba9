/**
 * Finds Nudge's own package folder, whether this code runs from its
 * TypeScript sources (tests) or from the bundled `dist/` (the CLI), so the
 * loader can point `import 'nudge'` at the DSL and find its child runner.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'nudge') {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the nudge package folder above ${__dirname}.`);
    dir = parent;
  }
}

export const dslEntry = () => join(packageRoot(), 'dsl', 'index.ts');
export const childRunner = () => join(packageRoot(), 'dsl', 'loader', 'child-runner.cjs');

/**
 * The DSL prebuilt by `npm run build` (dist/dsl.cjs), if present: sequence
 * bundles then only transform the author's file and `require` it, instead of
 * re-bundling the DSL's sources on every load. Without it (sources only),
 * the loader bundles dsl/index.ts as before.
 */
export function dslBundle(): string | undefined {
  const file = join(packageRoot(), 'dist', 'dsl.cjs');
  return existsSync(file) ? file : undefined;
}
