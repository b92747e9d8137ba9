// @vitest-environment node
/**
 * `npm run package:all`: one .vsix per VS Code platform, each declaring its
 * target and carrying esbuild's native binary for that platform only (the
 * loader bundles sequence files with esbuild's JS API, which runs that binary).
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './pack-and-install';
import { zipNames, zipRead } from './zip-listing';

const BINARY: Record<string, string> = {
  'linux-x64': 'linux-x64/bin/esbuild',
  'linux-arm64': 'linux-arm64/bin/esbuild',
  'linux-armhf': 'linux-arm/bin/esbuild',
  'alpine-x64': 'linux-x64/bin/esbuild',
  'alpine-arm64': 'linux-arm64/bin/esbuild',
  'darwin-x64': 'darwin-x64/bin/esbuild',
  'darwin-arm64': 'darwin-arm64/bin/esbuild',
  'win32-x64': 'win32-x64/esbuild.exe',
  'win32-arm64': 'win32-arm64/esbuild.exe',
};
const vsix = (target: string) => join(ROOT, 'dist', 'vsix', `nudge-${target}.vsix`);

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/package-vsix.mjs', '--all'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  console.log(stdout.split('\n').filter((l) => /^\S+: .*\.vsix/.test(l)).join('\n'));
  // Nine packages of about 4,000 files each: minutes on a busy two-core machine.
}, 30 * 60_000);

describe('the .vsix of every platform', () => {
  it.each(Object.keys(BINARY))('%s declares its target and holds its esbuild binary, and no other', (target) => {
    const names = zipNames(vsix(target));
    const esbuild = names.filter((n) => n.startsWith('extension/node_modules/@esbuild/') && !/(package\.json|README\.md)$/.test(n));
    expect(esbuild).toEqual([`extension/node_modules/@esbuild/${BINARY[target]}`]);
    expect(zipRead(vsix(target), 'extension.vsixmanifest').toString('utf8')).toMatch(new RegExp(`TargetPlatform="${target}"`));
    // What runs: the bundles, esbuild's JS API and TypeScript, in every package.
    expect(names).toEqual(expect.arrayContaining([
      'extension/package.json', 'extension/dist/extension.js', 'extension/dist/cli.js', 'extension/dist/dsl.cjs',
      'extension/node_modules/esbuild/lib/main.js', 'extension/node_modules/typescript/lib/typescript.js',
      'extension/node_modules/nudge-ts-plugin/index.js', 'extension/dsl/loader/child-runner.cjs',
    ]));
    console.log(`${target}: ${(statSync(vsix(target)).size / 1024 / 1024).toFixed(1)} MB, ${names.length} entries`);
  });

  it("keeps the npm package's files list out of the extension's manifest (vsce refuses it beside .vscodeignore)", () => {
    const manifest = JSON.parse(zipRead(vsix('linux-x64'), 'extension/package.json').toString('utf8'));
    expect(manifest.files).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.main).toBe('./dist/extension.js');
  });
});
