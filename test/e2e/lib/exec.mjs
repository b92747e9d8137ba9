// Running child commands: output goes to the console (prefixed) or a log file,
// and a non-zero exit or a timeout throws with the command's tail of output.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/**
 * Runs `cmd args` and resolves with its stdout. Options: cwd, env, timeoutMs,
 * logFile (all output appended there instead of kept quiet), echo (print it).
 */
export function run(cmd, args, { cwd, env, timeoutMs = 10 * 60_000, logFile, echo = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const sink = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
    sink?.write(`\n$ ${cmd} ${args.join(' ')}\n`);
    let out = '';
    let tail = '';
    const keep = (chunk) => {
      const s = chunk.toString();
      tail = (tail + s).slice(-4000);
      sink?.write(s);
      if (echo) process.stdout.write(s.replace(/^/gm, '    '));
    };
    child.stdout.on('data', (c) => {
      out += c;
      keep(c);
    });
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')}: timed out after ${timeoutMs / 1000} s\n${tail}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      sink?.end();
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      sink?.end();
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')}: exit ${code ?? signal}\n${tail}`));
    });
  });
}
