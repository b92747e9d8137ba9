// @vitest-environment node
/**
 * What `npm run package` puts into the .vsix, asked of vsce itself (its
 * `listFiles`, which reads .vscodeignore and `npm list` as `vsce package`
 * does): everything the bundles read at run time, and none of the
 * sources, tests, caches and scratch files.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { PackageManager, listFiles } from '@vscode/vsce';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEQUENCE_COMPILER_OPTIONS } from '../../dsl/typecheck';

const ROOT = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const rel = (f: string) => relative(ROOT, f).replace(/\\/g, '/');

let files: Set<string>;
beforeAll(async () => {
  files = new Set(await listFiles({ cwd: ROOT, packageManager: PackageManager.Npm }));
}, 120_000);

const missing = (wanted: string[]) => wanted.filter((f) => !files.has(f));
const walk = (dir: string): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));

describe('the .vsix contents', () => {
  it('holds every bundle scripts/build.mjs writes, the TypeScript server plugin and the manifest', () => {
    const build = readFileSync(join(ROOT, 'scripts/build.mjs'), 'utf8');
    const outfiles = [...build.matchAll(/outfile: '([^']+)'/g)].map((m) => m[1]);
    expect(outfiles).toContain('dist/extension.js');
    expect(missing([
      'package.json', manifest.main.replace(/^\.\//, ''), ...outfiles,
      'node_modules/nudge-ts-plugin/package.json', 'node_modules/nudge-ts-plugin/index.js',
    ])).toEqual([]);
    for (const plugin of manifest.contributes.typescriptServerPlugins) expect(files.has(`node_modules/${plugin.name}/package.json`), plugin.name).toBe(true);
  });

  it("holds every package the packaged bundles require, and esbuild's binary for this platform", () => {
    const bundles = [...files].filter((f) => /^(dist\/[^/]+\.c?js|node_modules\/nudge-ts-plugin\/index\.js)$/.test(f));
    const required = new Set<string>();
    for (const b of bundles) {
      for (const [, name] of readFileSync(join(ROOT, b), 'utf8').matchAll(/\brequire\("([^".][^"]*)"\)/g)) {
        if (name === 'vscode' || name.startsWith('node:') || builtinModules.includes(name)) continue;
        required.add(name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/'));
      }
    }
    expect([...required]).toEqual(expect.arrayContaining(['esbuild', 'typescript']));
    expect(missing([...required].map((p) => `node_modules/${p}/package.json`))).toEqual([]);
    expect(missing(Object.keys(manifest.dependencies).map((p) => `node_modules/${p}/package.json`))).toEqual([]);
    expect(files.has(`node_modules/@esbuild/${process.platform}-${process.arch}/bin/esbuild`)).toBe(true);
    expect(files.has('node_modules/typescript/lib/typescript.js')).toBe(true);
  });

  it("holds what the loader and the type checker read beside the bundles: the child runner, the DSL's sources and TypeScript's lib files", () => {
    expect(files.has('dsl/loader/child-runner.cjs')).toBe(true);
    // Every file TypeScript reads to type `import ... from 'nudge'` as the type checker does.
    const program = ts.createProgram([join(ROOT, 'dsl/index.ts')], SEQUENCE_COMPILER_OPTIONS);
    const read = program.getSourceFiles().map((s) => rel(s.fileName)).filter((f) => !f.startsWith('..'));
    expect(read).toContain('dsl/index.ts');
    expect(read.some((f) => f.startsWith('node_modules/typescript/lib/lib.'))).toBe(true);
    expect(missing(read)).toEqual([]);
  });

  it('leaves out sources, tests, caches, development files, scratch bundles and unused parts of dependencies', () => {
    const unwanted = [...files].filter((f) =>
      /^(\.e2e-cache|\.git|\.ci|test|scripts|docs|samples|runtime|extension|coverage)\//.test(f)
      || /\.map$/.test(f) || /(^|\/)tsconfig[^/]*\.json$/.test(f) || f === 'vitest.config.ts' || f === '.gitignore'
      || /^dist\/(bench-|zz-|tmp-)/.test(f) || /\.vsix$/.test(f)
      || f.startsWith('node_modules/esbuild/bin/') || /^node_modules\/typescript\/lib\/(_?tsc|_?tsserver|tsserverlibrary)\./.test(f)
      || /\/\.yarn\//.test(f));
    expect(unwanted).toEqual([]);
    // No development dependency (their own dependencies may be shared with production ones).
    expect(Object.keys(manifest.devDependencies).filter((d) => files.has(`node_modules/${d}/package.json`))).toEqual([]);
  });

  it("keeps the DSL's sources whole (the type checker may read any of them)", () => {
    expect(missing(walk('dsl').filter((f) => /\.(ts|cjs)$/.test(f)))).toEqual([]);
  });
});
