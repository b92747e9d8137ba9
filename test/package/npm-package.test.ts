// @vitest-environment node
/**
 * The npm package as a user gets it: `npm pack` (its prepack builds dist/
 * and the DSL's declarations), the tarball installed into a fresh project,
 * and there `nudge check`, `nudge simulate` and `tsc` on the user's own files.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, installInFreshProject, pack, runBin, type Packed } from './pack-and-install';

let packed: Packed;
let project: string;
let manifest: Record<string, any>;

beforeAll(async () => {
  packed = await pack(mkdtempSync(join(tmpdir(), 'nudge-pack-')));
  console.log(`npm pack: ${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked`);
  project = await installInFreshProject(packed.tarball);
  manifest = JSON.parse(readFileSync(join(project, 'node_modules/nudge/package.json'), 'utf8'));
  for (const f of ['lead-welcome.seq.ts', 'contacts.json', 'users.json', 'nudge.config.json']) copyFileSync(join(ROOT, 'samples', f), join(project, 'sequences', f));
});

describe('the npm package', () => {
  it('ships the built CLI, the prebuilt DSL, its declarations and sources, and no tests, sources of the runtime or source maps', () => {
    expect(packed.files).toEqual(expect.arrayContaining([
      'package.json', 'README.md', 'bin/nudge.js', 'dist/cli.js', 'dist/delivery-thread.js', 'dist/dsl.cjs',
      'dist/types/index.d.ts', 'dsl/index.ts', 'dsl/loader/child-runner.cjs', 'docs/errors.md',
    ]));
    const unwanted = packed.files.filter((f) => /^(test|runtime|extension|scripts|samples|errors|\.ci)\//.test(f) || /\.map$/.test(f) || /\.vsix$/.test(f) || f.startsWith('dist/extension') || /^dist\/(bench-|gen-|tmp-|zz-)/.test(f));
    expect(unwanted).toEqual([]);
  });

  it('declares a publishable package: the nudge bin, the types, Node 20 and later', () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ nudge: 'bin/nudge.js' });
    expect(manifest.types).toBe('./dist/types/index.d.ts');
    expect(manifest.exports['.']).toEqual({ types: './dist/types/index.d.ts', default: './dist/dsl.cjs' });
    expect(manifest.engines.node).toBe('>=20');
  });

  it('depends on every package its bundles require at run time, and on no development package', () => {
    const required = new Set<string>();
    for (const f of packed.files.filter((p) => /^dist\/[^/]+\.c?js$/.test(p))) {
      const code = readFileSync(join(project, 'node_modules/nudge', f), 'utf8');
      for (const [, name] of code.matchAll(/\b(?:require|import)\("([^".][^"]*)"\)/g)) {
        if (name.startsWith('node:') || builtinModules.includes(name)) continue;
        required.add(name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/'));
      }
    }
    expect([...required]).toEqual(expect.arrayContaining(['esbuild', 'typescript', 'fastify', 'lowdb']));
    expect([...required].filter((p) => !(p in manifest.dependencies))).toEqual([]);
    expect([...required].filter((p) => p in (manifest.devDependencies ?? {}))).toEqual([]);
  });

  it('installed without install scripts, `nudge check` and `nudge simulate` run on a sequence of the project', async () => {
    const check = await runBin(project, 'nudge', ['check', 'sequences']);
    expect(check.stderr).not.toMatch(/not built/);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout + check.stderr).toMatch(/1 sequence\(s\) in 1 file\(s\): 0 error\(s\)/);

    const sim = await runBin(project, 'nudge', ['simulate', 'sequences/lead-welcome.seq.ts', '--contacts', 'sequences/contacts.json', '--users', 'sequences/users.json',
      '--start', '2026-12-01T14:00:00Z', '--days', '7', '--tz', 'America/New_York', '--json']);
    expect(sim.code, sim.stderr).toBe(0);
    expect(sim.stdout).toMatch(/welcome-email/);
  });

  it("type-checks the project's own files against the installed declarations with tsc", async () => {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      include: ['sequences/**/*.ts'],
    }));
    writeFileSync(join(project, 'sequences/uses-types.ts'), "import type { SequenceIR } from 'nudge';\nimport lead from './lead-welcome.seq';\nexport const steps: number = (lead satisfies SequenceIR).paths.length;\n");
    const good = await runBin(project, 'tsc', ['-p', '.']);
    expect(good.stdout + good.stderr).toBe('');
    expect(good.code).toBe(0);

    writeFileSync(join(project, 'sequences/misuse.ts'), "import { sequence } from 'nudge';\nexport const n: number = sequence;\n");
    const bad = await runBin(project, 'tsc', ['-p', '.']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/misuse\.ts\(2,14\): error TS2322/);
  });

  it('`nudge init` writes a project that checks, renders, simulates and type-checks with the installed package', async () => {
    const init = await runBin(project, 'nudge', ['init', 'app']);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/cd app && npm install/);
    const app = join(project, 'app');
    // The project's own `nudge` and `tsc` (node_modules/.bin one folder up), in the new folder.
    const check = await runBin(project, 'nudge', ['check', 'sequences'], app);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const render = await runBin(project, 'nudge', ['render', 'sequences/welcome.seq.ts'], app);
    expect(render.code, render.stderr).toBe(0);
    expect(render.stdout).toMatch(/^flowchart/);
    const sim = await runBin(project, 'nudge', ['simulate', 'sequences/welcome.seq.ts', '--scenario', 'sequences/welcome.scenario.json', '--tz', 'America/New_York'], app);
    expect(sim.code, sim.stderr).toBe(0);
    expect(sim.stdout).toMatch(/welcome-email/);
    const tsc = await runBin(project, 'tsc', ['-p', '.'], app);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });
});
