/**
 * `nudge init [folder]`: writes a project that uses Nudge from npm (see
 * init-templates.ts). It never overwrites: a file that exists is skipped and
 * named; when every file exists nothing is left to write and it fails
 * (NUDGE_ERR_INIT_EXISTS) rather than pretend it made a project.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { nudgeError } from '../../errors/nudge-error';
import { initFiles, SEQUENCE_FILE } from './init-templates';
import { UsageError } from './usage-error';

/** An npm package name from a folder's name: lower case, [a-z0-9-._], not empty. */
export function packageNameOf(folder: string): string {
  const name = basename(resolve(folder)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|-+$/g, '');
  return name || 'my-campaigns';
}

/** The next full hour after `now`, as an ISO instant without milliseconds. */
function nextHour(now: number): string {
  return new Date(Math.ceil(now / 3_600_000) * 3_600_000).toISOString().replace('.000Z', 'Z');
}

export interface InitResult { written: string[]; skipped: string[] }

export function initProject(folder: string, nudgeVersion: string, now = Date.now()): InitResult {
  const root = resolve(folder);
  if (existsSync(root) && !statSync(root).isDirectory()) throw new UsageError(`${folder} is a file; nudge init writes a project into a folder (new or existing).`);
  const files = initFiles({ name: packageNameOf(root), nudgeVersion, scenarioStart: nextHour(now) });
  const paths = Object.keys(files);
  const skipped = paths.filter((p) => existsSync(join(root, p)));
  if (skipped.length === paths.length) throw nudgeError('NUDGE_ERR_INIT_EXISTS', { folder, files: paths.join(', ') });
  const written: string[] = [];
  for (const p of paths) {
    if (skipped.includes(p)) continue;
    mkdirSync(dirname(join(root, p)), { recursive: true });
    // 'wx': fails rather than overwrite a file made since the check above.
    writeFileSync(join(root, p), files[p], { flag: 'wx' });
    written.push(p);
  }
  return { written, skipped };
}

export function initCommand(folder: string | undefined, nudgeVersion: string): number {
  const target = folder ?? '.';
  const { written, skipped } = initProject(target, nudgeVersion);
  const shown = relative(process.cwd(), resolve(target)) || '.';
  const out: string[] = [`Nudge project in ${shown}: wrote ${written.length} file(s)`];
  for (const f of written) out.push(`  wrote    ${f}`);
  for (const f of skipped) out.push(`  skipped  ${f} (exists; left as it is)`);
  if (skipped.includes('package.json')) out.push('', `package.json was there already: add "nudge": "^${nudgeVersion}" to its dependencies and the scripts check, render and simulate (see \`nudge init --help\`).`);
  out.push('', 'Next:');
  out.push(`  ${shown === '.' ? '' : `cd ${shown} && `}npm install`);
  out.push('  npm run check       # type-check and validate the sequences');
  out.push(`  npm run simulate    # dry run of ${SEQUENCE_FILE} with its scenario`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
