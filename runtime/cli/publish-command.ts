/**
 * `nudge publish [--dry-run] [--dir <folder>] [--store <file>]`: publish the
 * folder's sequence files to a store as new versions, or with `--dry-run`
 * only print the impact report (how many contacts in flight sit on each
 * removed or changed step, and where they will go) without changing the
 * store: the dry run reads a private copy of the file.
 *
 * Not while `nudge serve` runs on the same store: the server holds the store
 * in memory and would write over this change; it publishes saved files
 * itself (live reload).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { WallClock } from '../hosts/live/clock';
import { RuntimeHost } from '../hosts/live/runtime-host';
import { formatImpact } from '../publish/format-impact';
import { SequencePublisher, type PublishOutcome } from '../publish/sequence-publisher';
import type { ContactStore } from '../store/contact-store';
import { openStoreCopy } from '../store/copy-store';
import { LowdbStore } from '../store/lowdb-store';
import { MemoryStore } from '../store/memory-store';
import { formatCheckDiagnostic } from './check-command';
import { displayPath } from './files';
import { UsageError } from './usage-error';

export interface PublishOptions {
  dryRun?: boolean;
  dir?: string;
  store?: string;
  tz?: string;
  json?: boolean;
  typecheck?: boolean;
}

async function openStore(file: string, dryRun: boolean): Promise<ContactStore> {
  if (!dryRun) return LowdbStore.open(file);
  // Nothing published yet: the dry run of a first publish is against an empty store.
  return existsSync(file) ? openStoreCopy(file) : new MemoryStore();
}

export async function publishCommand(opts: PublishOptions): Promise<number> {
  const dir = resolve(opts.dir ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--dir ${dir} is not a folder of .seq.ts files.`);
  const store = await openStore(resolve(opts.store ?? '.nudge/store.json'), opts.dryRun === true);
  try {
    const host = await RuntimeHost.create({ store, clock: new WallClock(), accountZone: opts.tz });
    const publisher = new SequencePublisher({ dir, host, accountZone: opts.tz, typecheck: opts.typecheck !== false });
    const outcome = opts.dryRun ? await publisher.preview() : await publisher.publishAll();
    print(outcome, opts);
    return outcome.files.some((f) => !f.ok) ? 1 : 0;
  } finally {
    await store.close();
  }
}

function print(outcome: PublishOutcome, opts: PublishOptions): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({
      dryRun: opts.dryRun === true,
      files: outcome.files.map((f) => ({ file: f.file, ok: f.ok, diagnostics: f.diagnostics, sequences: f.sequences.map((s) => s.id) })),
      versions: outcome.versions.map((v) => ({ sequenceId: v.published.ir.id, version: v.published.version, report: v.report ?? null })),
    }, null, 2)}\n`);
    return;
  }
  for (const f of outcome.files) {
    for (const d of f.diagnostics) process.stderr.write(`${formatCheckDiagnostic({ ...d, source: d.source ?? { file: f.file, line: 1, column: 1 } })}\n`);
    if (!f.ok) process.stderr.write(`${displayPath(f.file)}: not published (the running version stays)\n`);
  }
  const verb = opts.dryRun ? 'would publish' : 'published';
  for (const v of outcome.versions) {
    process.stdout.write(v.report ? `${verb} ${formatImpact(v.report)}\n` : `${verb} ${v.published.ir.id}: version ${v.published.version} (new sequence)\n`);
  }
  if (outcome.versions.length === 0) process.stdout.write('nothing to publish: every valid sequence is at its published version\n');
  if (opts.dryRun && outcome.versions.length > 0) process.stdout.write('(dry run: nothing was changed; run without --dry-run to publish)\n');
}
