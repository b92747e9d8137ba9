// Builds dist/ once before the suites that run the real `nudge` command.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [resolve(__dirname, '../scripts/build.mjs')], { cwd: resolve(__dirname, '..'), stdio: 'inherit' });
}
