/**
 * `nudge serve` as a real process (the built command, a free port, the
 * simulated clock), for the tests that need the whole command: its config
 * file, its SMTP delivery, its files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from '../cli/run-nudge';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (for failure messages). */
  output(): string;
  stop(): void;
}

/** Starts `nudge serve --dir <dir>` in `cwd` and resolves once it listens; a server that does not start is killed. */
export async function startServeProcess(cwd: string, dir: string, start = '2026-12-01T14:00:00Z'): Promise<ServeProcess> {
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/nudge.js'), 'serve', '--dir', dir, '--port', '0', '--clock', 'simulated', '--start', start], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NUDGE_LOG_FORMAT: 'json' } });
  let out = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { out += c; });
  try {
    const url = await new Promise<string>((ok, fail) => {
      const timer = setInterval(() => {
        const m = /"msg":"nudge serving at (http:\/\/[^"]+)"/.exec(out);
        if (m) { clearInterval(timer); ok(m[1]); }
      }, 50);
      setTimeout(() => { clearInterval(timer); fail(new Error(`server did not start:\n${out}`)); }, 30_000);
    });
    return { url, child, output: () => out, stop: () => { child.kill('SIGTERM'); } };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}
