/**
 * Publishes a folder of sequence files to a runtime host, and keeps doing
 * so while the files are edited (live reload).
 *
 * - A file that does not load or has an error is not published: the running
 *   version of its sequences stays, and `status()` shows the diagnostics.
 * - A valid change of a sequence becomes version + 1 (a save that changes
 *   nothing but source positions is not a new version). Its impact on the
 *   contacts in flight is computed, logged and applied to the stored states
 *   in one batch with the new version, then the host runs the new IR.
 * - A sequence whose file is deleted keeps running (its contacts in flight
 *   would otherwise be stranded); the status says so.
 *
 * @example
 *   const publisher = new SequencePublisher({ dir: 'sequences', host, log: (e) => console.log(e.message) });
 *   await publisher.start(); // resume stored versions, publish the folder, watch it
 *   ...
 *   await publisher.close();
 */
import type { PublishedSequence } from '../hosts/live/runtime-host';
import { sameSequence } from './canonical-ir';
import { checkFile, sequenceFilesIn, type CheckedFile } from '../../dsl/check/check-file';
import { commitVersions, previewVersions, type CommittedVersion, type VersionChange } from './commit-versions';
import { formatImpact } from './format-impact';
import type { FileStatus, PublishLogEntry, PublisherOptions, PublishOutcome } from './publisher-types';
import { readPublished } from './published-state';
import { watchFolder, type FolderWatcher } from './watch-folder';

export type { FileStatus, PublishLogEntry, PublisherOptions, PublishOutcome } from './publisher-types';

export class SequencePublisher {
  private readonly files = new Map<string, FileStatus>();
  private published = new Map<string, PublishedSequence>();
  /** Sequence id → the file that defines it. */
  private readonly owners = new Map<string, string>();
  private chain: Promise<unknown> = Promise.resolve();
  private watcher: FolderWatcher | undefined;
  private resumed = false;

  constructor(private readonly opts: PublisherOptions) {}

  /** Resume stored versions, publish the folder as it is now, then follow its changes. */
  async start(): Promise<PublishOutcome> {
    const outcome = await this.publishAll();
    this.watcher = watchFolder(this.opts.dir, (file, event) => {
      void this.serial(() => (event === 'deleted' ? this.fileDeleted(file) : this.publishFiles([file], true))).catch((err: unknown) => {
        this.log({ level: 'error', message: `publishing ${file} failed: ${(err as Error).message}`, file });
      });
    }, this.opts.debounceMs);
    await this.watcher.ready;
    return outcome;
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
    await this.chain.catch(() => undefined);
  }

  /** Per file: whether it is published, its diagnostics, and the versions running. */
  status(): FileStatus[] {
    return [...this.files.values()].sort((a, b) => (a.file < b.file ? -1 : 1)).map((s) => ({
      ...s,
      sequences: [...this.owners].filter(([, f]) => f === s.file).map(([id]) => ({ id, version: this.published.get(id)?.version ?? 0 })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    }));
  }

  /** Loads every file of the folder and publishes what changed. */
  publishAll(): Promise<PublishOutcome> {
    return this.serial(() => this.publishFiles(sequenceFilesIn(this.opts.dir), true));
  }

  /** The impact of publishing the folder as it is now, without publishing anything. */
  preview(): Promise<PublishOutcome> {
    return this.serial(() => this.publishFiles(sequenceFilesIn(this.opts.dir), false));
  }

  /** One reload at a time: two saves never publish concurrently. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async resume(): Promise<void> {
    if (this.resumed) return;
    this.resumed = true;
    this.published = await readPublished(this.opts.host.store);
    // The stored states refer to these IRs: run them even if the files changed or broke meanwhile.
    if (this.published.size > 0) this.opts.host.publish([...this.published.values()]);
  }

  private async publishFiles(paths: string[], apply: boolean): Promise<PublishOutcome> {
    await this.resume();
    const { host } = this.opts;
    const checked: CheckedFile[] = [];
    const claimed = new Map<string, string>(); // ids claimed earlier in this scan (files in name order)
    for (const file of paths) {
      const result = await checkFile(file, {
        accountZone: this.opts.accountZone, account: this.opts.account ?? false, now: host.clock.now(), typecheck: this.opts.typecheck, loadTimeoutMs: this.opts.loadTimeoutMs,
      });
      this.claimIds(result, claimed);
      for (const ir of result.sequences) claimed.set(ir.id, file);
      checked.push(result);
    }
    const changes: VersionChange[] = [];
    for (const c of checked) {
      for (const ir of c.sequences) {
        const previous = this.published.get(ir.id);
        if (!previous || !sameSequence(previous.ir, ir)) changes.push({ ir, previous });
      }
    }
    if (!apply) {
      return { files: checked, versions: await previewVersions(host.store, changes, host.clock.now()) };
    }
    for (const c of checked) this.record(c);
    if (changes.length === 0) return { files: checked, versions: [] };
    const versions = await host.exclusive(async () => {
      const done = await commitVersions(host.store, changes, this.published, host.clock.now());
      host.publish(done.map((d) => d.published));
      return done;
    });
    for (const v of versions) this.published.set(v.published.ir.id, v.published);
    for (const v of versions) this.logVersion(v);
    return { files: checked, versions };
  }

  /** A sequence id belongs to one file; another file defining it again is an error there. */
  private claimIds(result: CheckedFile, claimed: Map<string, string>): void {
    for (const ir of result.sequences) {
      const owner = claimed.get(ir.id) ?? this.owners.get(ir.id);
      if (owner && owner !== result.file && this.files.get(owner)?.state !== 'deleted') {
        result.ok = false;
        result.diagnostics.push({
          severity: 'error', code: 'NUDGE_PUBLISH_DUPLICATE_SEQUENCE', sequenceId: ir.id, source: ir.source,
          message: `sequence id "${ir.id}" is already defined in ${owner}: give this sequence another id, or remove one of them.`,
        });
      }
    }
    if (!result.ok) result.sequences = [];
  }

  private record(c: CheckedFile): void {
    this.files.set(c.file, { file: c.file, state: c.ok ? 'ok' : 'errors', diagnostics: c.diagnostics, sequences: [], checkedAt: this.opts.host.clock.now() });
    for (const ir of c.sequences) this.owners.set(ir.id, c.file);
    if (!c.ok) {
      const running = [...this.owners].filter(([, f]) => f === c.file).map(([id]) => `${id} v${this.published.get(id)?.version}`);
      this.log({
        level: 'error', file: c.file, diagnostics: c.diagnostics,
        message: `${c.file} not published (${c.diagnostics.filter((d) => d.severity === 'error').length} error(s)); ${running.length ? `still running ${running.join(', ')}` : 'nothing from it was running'}: ${c.diagnostics.find((d) => d.severity === 'error')?.message ?? ''}`,
      });
    }
  }

  private async fileDeleted(file: string): Promise<PublishOutcome> {
    const status = this.files.get(file);
    if (status) status.state = 'deleted';
    const running = [...this.owners].filter(([, f]) => f === file).map(([id]) => id);
    this.log({ level: 'warn', file, message: `${file} was deleted; its sequences keep running so contacts in flight are not stranded (${running.join(', ') || 'none'})` });
    return { files: [], versions: [] };
  }

  private logVersion(v: CommittedVersion): void {
    const { ir, version } = v.published;
    const message = v.report ? `published ${formatImpact(v.report)}` : `published ${ir.id}: version ${version} (new sequence)`;
    this.log({ level: 'info', message, file: this.owners.get(ir.id), sequenceId: ir.id, version, report: v.report });
  }

  private log(entry: PublishLogEntry): void {
    this.opts.log?.(entry);
  }
}
