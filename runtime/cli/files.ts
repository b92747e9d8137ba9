/**
 * Turns the CLI's file arguments into sequence files: a folder stands for
 * every `.seq.ts` file in it, so `nudge check samples` works where the shell
 * does not expand globs.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UsageError } from './usage-error';

export function expandSequenceFiles(args: string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    if (!existsSync(arg)) throw new UsageError(`No such file or folder: ${arg}`);
    if (statSync(arg).isDirectory()) {
      const found = readdirSync(arg).filter((f) => f.endsWith('.seq.ts')).sort();
      if (found.length === 0) throw new UsageError(`No .seq.ts files in folder ${arg}`);
      files.push(...found.map((f) => resolve(join(arg, f))));
    } else {
      files.push(resolve(arg));
    }
  }
  return [...new Set(files)];
}

/** A single sequence file argument: a missing one is a usage error, not a syntax error of the loader. */
export function requireSequenceFile(arg: string): string {
  if (!existsSync(arg)) throw new UsageError(`No such file: ${arg}`);
  if (statSync(arg).isDirectory()) throw new UsageError(`${arg} is a folder; name one .seq.ts file in it.`);
  return arg;
}

/** A path as the user would like to read it: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
