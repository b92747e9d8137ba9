/**
 * What `/health` checks, kept cheap: it answers load balancers under full
 * load, so it never scans anything. The store's and delivery's last write
 * failures are read as they are (a field each); the folders that must stay
 * writable (the store's, the outbox) are probed at most once a second, in
 * the background: `access(W_OK)` (a missing outbox folder is probed at its
 * nearest existing parent, since it is made at the first write) and
 * `statfs` for free space. A probe never writes a file, so nothing that
 * watches the outbox sees one.
 */
import { constants } from 'node:fs';
import { access, statfs, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RuntimeHost } from '../hosts/live/runtime-host';
import { storeWriteProblem } from '../hosts/live/host-health';

export interface HealthCheckOptions {
  host: RuntimeHost;
  /** Folders that must stay writable, by what they hold (e.g. `{ store: '/srv/.nudge', outbox: '/srv/.nudge/outbox' }`). */
  folders?: Record<string, string>;
  /** Delivery's last file-system failure not cleared since (DeliveryFailureLog.problem). */
  deliveryProblem?: () => string | null;
  /** Probe the folders at most this often (default 1 s). */
  probeEveryMs?: number;
  /** Less free space than this is a problem (default 1 MiB). */
  minFreeBytes?: number;
}

export interface HealthReport {
  ok: boolean;
  problems: string[];
}

export class HealthCheck {
  private folderProblems: string[] = [];
  private probedAt = -Infinity;
  private probing: Promise<void> | null = null;

  /** Delivery's last file-system failure (set once delivery is up). */
  deliveryProblem: (() => string | null) | undefined;

  constructor(private readonly opts: HealthCheckOptions) {
    this.deliveryProblem = opts.deliveryProblem;
  }

  async report(): Promise<HealthReport> {
    if (performance.now() - this.probedAt >= (this.opts.probeEveryMs ?? 1000)) {
      const probe = this.probe();
      // The first answer waits for the first probe; later ones answer from the last probe while the next one runs.
      if (this.probedAt === -Infinity) await probe;
    }
    const problems = [
      prefixed('store', storeWriteProblem(this.opts.host)),
      prefixed('outbox', this.deliveryProblem?.() ?? null),
      ...this.folderProblems,
    ].filter((p): p is string => p !== null);
    return { ok: problems.length === 0, problems };
  }

  private probe(): Promise<void> {
    this.probing ??= (async () => {
      const found: string[] = [];
      for (const [what, folder] of Object.entries(this.opts.folders ?? {})) {
        const problem = await folderProblem(folder, this.opts.minFreeBytes ?? 2 ** 20);
        if (problem !== null) found.push(`${what}: ${problem}`);
      }
      this.folderProblems = found;
      this.probedAt = performance.now();
    })().finally(() => (this.probing = null));
    return this.probing;
  }
}

const prefixed = (what: string, problem: string | null): string | null => (problem === null ? null : `${what}: ${problem}`);

/** Why files cannot be written in `folder` now, or null. */
async function folderProblem(folder: string, minFreeBytes: number): Promise<string | null> {
  let at = folder;
  for (let up = 0; up < 32; up++) {
    try {
      await access(at, constants.W_OK);
      if (!(await stat(at)).isDirectory()) return `${at} is not a folder`;
      const fs = await statfs(at);
      const free = fs.bavail * fs.bsize;
      return free < minFreeBytes ? `the disk of ${folder} is full (${free} bytes free)` : null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Not made yet: it will be, in its nearest existing parent.
      if (code === 'ENOENT' && dirname(at) !== at) {
        at = dirname(at);
        continue;
      }
      return `${at} cannot be written (${code ?? (error as Error).message})`;
    }
  }
  return null;
}
