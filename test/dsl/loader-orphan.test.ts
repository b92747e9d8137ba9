// @vitest-environment node
/**
 * A parent that dies while its evaluation child loops forever (a crashed
 * extension host, a SIGKILLed `nudge` command) must not leave the child
 * spinning: the child's watchdog thread notices it was orphaned and ends it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const scripts: string[] = [];
afterAll(() => { for (const f of scripts) rmSync(f, { force: true }); });

/** Live (not zombie) processes whose parent is `ppid`. */
function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    if (Number(stat[1]) === ppid && stat[0] !== 'Z') out.push(Number(name));
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

const waitFor = async (test: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (test()) return true;
  return test();
};

describe('the evaluation child of a parent that died', () => {
  it.runIf(process.platform === 'linux')('ends itself, even in an endless loop', async () => {
    // Inside the package (dist/ is git-ignored and left out of the .vsix), so it finds esbuild and the package root.
    const parentScript = join(ROOT, 'dist', `tmp-orphan-parent-${process.pid}.cjs`);
    scripts.push(parentScript);
    buildSync({
      stdin: {
        contents: "import { loadSequenceFile } from './dsl/loader/load';\n"
          + 'loadSequenceFile(process.argv[2], { timeoutMs: 120_000 }).catch(() => {});\n'
          + 'setInterval(() => {}, 1000);\n',
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true, platform: 'node', format: 'cjs', packages: 'external', outfile: parentScript, logLevel: 'silent',
    });
    const parent = spawn(process.execPath, [parentScript, join(ROOT, 'test/dsl/files/loops.seq.ts')], { cwd: ROOT, stdio: 'ignore' });
    // The looping child and the spare started one ahead.
    expect(await waitFor(() => childrenOf(parent.pid!).length >= 2, 15_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500)); // the loop is running
    const children = childrenOf(parent.pid!);
    parent.kill('SIGKILL');
    const gone = await waitFor(() => children.every((pid) => !alive(pid)), 10_000);
    for (const pid of children) if (alive(pid)) process.kill(pid, 'SIGKILL'); // never leave one behind, even when failing
    expect(gone).toBe(true);
  }, 40_000);
});
