/**
 * The account (`account: { name, address }` of nudge.config.json) that
 * `nudge check`, the dry run and the editor use for a sequence file: from
 * the nearest nudge.config.json in the file's folder or above it, the file
 * `nudge serve` would read when started in that project. `{}` when there is
 * none, or it has no usable account; the server validates the whole file
 * when it starts, so a broken file is not this reader's to report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface AccountConfig {
  name?: string;
  address?: string;
}

const CONFIG_FILE = 'nudge.config.json';

export function findConfigFile(fromFile: string): string | undefined {
  let dir = dirname(resolve(fromFile));
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The account of the config that applies to `sequenceFile`. */
export function accountFor(sequenceFile: string): AccountConfig {
  const file = findConfigFile(sequenceFile);
  if (!file) return {};
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const account = (data as { account?: unknown } | null)?.account;
    if (typeof account !== 'object' || account === null) return {};
    const { name, address } = account as Record<string, unknown>;
    return { ...(typeof name === 'string' ? { name } : {}), ...(typeof address === 'string' ? { address } : {}) };
  } catch {
    return {};
  }
}
