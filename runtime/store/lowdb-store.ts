/**
 * The runtime's store: a MemoryStore on a lowdb database (`db`, a `Low`)
 * whose adapter (StoreFileAdapter) is the store file, a plain lowdb JSON
 * file (the snapshot, the format people and tools read), plus an
 * append-only journal beside it (`<store>.journal`, one JSON line per
 * change). Opening is `db.read()`: the snapshot with the journal replayed.
 * Every snapshot is `db.write()` of `db.data`, written through lowdb's
 * atomic file writer. `db.data` is the store's data as of its latest
 * snapshot (read at open, or the last one written); the live state,
 * indexed for the queries, is the MemoryStore's core, and the journal
 * holds what changed since.
 *
 * lowdb alone makes a change durable only by rewriting the whole file, and
 * a store of many megabytes cannot be rewritten per commit at the rate
 * events arrive. So commits do not touch the snapshot: each change is applied in memory at once and its
 * line queued; a GroupWriter appends the queued lines and fdatasyncs them,
 * one append in flight and the next one holding everything that arrived
 * meanwhile. `flush()` resolves once the lines of every change before it
 * are on disk: the durability point.
 *
 * Compaction writes the whole state as the store file and drops the
 * journal lines it holds. At runtime it runs in the background when the
 * journal outgrows a threshold: the journal is first rotated to
 * `<store>.journal.<seq>` (appends go on in a new file), the state of that
 * instant is serialised a piece at a time, renamed into place, and only
 * then is the rotated file deleted. The snapshot records the last line it
 * holds (`journalSeq`), so a crash at any point replays exactly the lines
 * it lacks. Opening replays the journal and compacts; a clean close
 * compacts and removes the journal, leaving a plain file.
 *
 * @example
 *   const store = await LowdbStore.open('data/store.json');
 *   await store.commit({ contacts: [{ id: 'c1' }] });
 *   await store.flush(); // on disk now (in the journal)
 *   await store.close(); // store.json holds everything, no journal left
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Low } from 'lowdb';
import { GroupWriter } from './group-writer';
import { encodeOp, type StoreOp } from './journal-ops';
import { JournalFile } from './journal-file';
import { journalFiles, journalPath, rotatedPath } from './journal-read';
import { MemoryStore } from './memory-store';
import { errorCode } from './compact-store';
import type { SnapshotTiming } from './snapshot-file';
import { atJournalSeq, emptyStoreData, type StoreData } from './store-data';
import { StoreFileAdapter } from './store-file-adapter';
import { StoreFileError } from './store-file-error';

export interface LowdbStoreOptions {
  /**
   * Wait this long after a commit before appending, so more commits share
   * the append (default 0: the next turn of the event loop). `flush()`
   * never waits for it.
   */
  writeDelayMs?: number;
  /**
   * Compact once the journal is this big. By default, once it is 16 MB and
   * twice the snapshot's size: replaying it at the next start stays short,
   * and compactions stay rare next to the appends they save.
   */
  compactAtBytes?: number;
}

/** A background compaction: its timing, or its error; `captureMs` is the synchronous copy of the state's references. */
export type CompactionOutcome = { journalBytes: number; captureMs: number } & (SnapshotTiming | { error: unknown });


export class LowdbStore extends MemoryStore {
  /** Completed journal appends since opening (tests and the benchmark read it). */
  writes = 0;
  /** Duration of the last completed append (write + fdatasync), in ms. */
  lastWriteMs = 0;
  /** Completed compactions since opening, and the last one's timing. */
  compactions = 0;
  lastCompaction: SnapshotTiming | null = null;
  /** Why the last background compaction failed (nothing is lost: the journal keeps every line). */
  compactionError: unknown = null;
  /** Told of every background compaction, done or failed (the server logs it). */
  onCompaction: ((outcome: CompactionOutcome) => void) | null = null;
  /** Number of the last change applied in memory (its journal line's `seq`). */
  private seq = 0;
  private queued: string[] = [];
  private journal: JournalFile | null = null;
  private readonly writer: GroupWriter;
  private compacting: Promise<void> | null = null;
  private snapshotBytes = 0;
  private finished = false;

  private constructor(
    readonly file: string,
    /** The lowdb database; read `db.data` (the latest snapshot's data), never write it: changes go through the store and its journal. */
    readonly db: Low<StoreData>,
    private readonly adapter: StoreFileAdapter,
    private readonly options: LowdbStoreOptions,
  ) {
    // db.data was just read (or is the default) and nobody else changes it: the core adopts it without copying.
    super(db.data, true);
    this.seq = db.data.journalSeq ?? 0;
    this.writer = new GroupWriter(() => this.appendQueued(), options.writeDelayMs ?? 0);
  }

  /**
   * Opens the store file and replays its journal, creating the file if it
   * does not exist. A file or journal that cannot be read or is not sound
   * is refused with a StoreFileError and left untouched.
   */
  static async open(file: string, options: LowdbStoreOptions = {}): Promise<LowdbStore> {
    const path = resolve(file);
    // lowdb is ESM-only and the bundles in dist/ are CommonJS: import() loads it from both (and from vitest).
    const [{ Low }, { TextFile }] = await Promise.all([import('lowdb'), import('lowdb/node')]);
    const adapter = new StoreFileAdapter(path, new TextFile(path));
    const empty = emptyStoreData();
    const db = new Low<StoreData>(adapter, empty);
    await db.read();
    const store = new LowdbStore(path, db, adapter, options);
    if (db.data === empty) {
      // lowdb kept its default data: there is no store file.
      const stray = await journalFiles(path);
      if (stray.length > 0) {
        throw new StoreFileError(path, `does not exist, but its journal ${stray[stray.length - 1]} does`, 'Restore the store file beside it, or move the journal files aside to start an empty store.', { exists: false });
      }
      // Create the file now: a wrong directory should fail at open, not at the first step.
      await store.compactNow().catch((error: unknown) => {
        const cause = error instanceof StoreFileError ? error.cause : error;
        throw new StoreFileError(path, `does not exist and cannot be created (${errorCode(cause)})`, 'Check that its directory exists and is writable.', {
          cause,
          exists: false,
        });
      });
    } else {
      const replay = adapter.lastReplay;
      // Fold the journal into the file now: the next crash replays only what comes after.
      if (replay.files.length > 0) {
        // (Nothing new to fold in, e.g. a crash right after a compaction: the file is already current.)
        if (replay.applied > 0) await store.compactNow();
        // Every line is in the file now (a torn tail goes too, so appends start on a clean line).
        for (const f of replay.files) await rm(f, { force: true });
      }
    }
    store.journal = await JournalFile.open(journalPath(path));
    adapter.sliced = true; // from now on requests run between a snapshot's slices
    return store;
  }

  /** Resolves once everything committed before the call is in the journal, on disk. */
  override async flush(): Promise<void> {
    await this.writer.flush();
  }

  /** Refuses further changes, waits for the last append, then compacts and removes the journal. */
  override async close(): Promise<void> {
    await super.close();
    if (this.finished) return;
    await this.flush();
    await this.compacting;
    this.adapter.sliced = false; // nothing else runs any more
    await this.compactNow();
    await this.journal?.close();
    this.journal = null;
    this.finished = true;
    for (const f of await journalFiles(this.file)) await rm(f, { force: true });
  }

  protected override changed(op: StoreOp): void {
    this.queued.push(encodeOp(++this.seq, op));
    this.writer.changed();
  }

  /** The GroupWriter's write: append every queued line, then maybe start a compaction. */
  private async appendQueued(): Promise<void> {
    if (this.queued.length === 0 || this.journal === null) return;
    const started = performance.now();
    const lines = this.queued;
    this.queued = [];
    try {
      await this.journal.append(lines.join(''));
    } catch (error) {
      this.queued = lines.concat(this.queued); // retried, in order, by the next flush
      throw new StoreFileError(
        this.journal.path,
        `could not be appended to (${errorCode(error)}); every change since the last append is kept in memory`,
        'Free disk space or fix the permissions of its directory, then flush again.',
        { cause: error },
      );
    }
    this.writes++;
    this.lastWriteMs = performance.now() - started;
    const threshold = this.options.compactAtBytes ?? Math.max(16 * 2 ** 20, 2 * this.snapshotBytes);
    if (this.compacting === null && this.journal.size >= threshold) await this.startCompaction();
  }

  /**
   * Runs between two appends (inside the GroupWriter's write), so no line
   * is half written while the journal is rotated. The state is captured at
   * once; serialising and writing it go on in the background.
   */
  private async startCompaction(): Promise<void> {
    const journalBytes = this.journal!.size;
    await this.journal!.rotate(rotatedPath(this.file, this.seq));
    const seq = this.seq;
    const captured = performance.now();
    const data = this.core.toData(); // shares the core's objects, which are replaced, never edited in place
    const captureMs = performance.now() - captured;
    this.compacting = this.compact(seq, data)
      .then(() => this.onCompaction?.({ ...this.lastCompaction!, journalBytes, captureMs }))
      .catch((error: unknown) => {
        // Nothing is lost (the rotated journal stays and is replayed); the next threshold tries again.
        this.compactionError = error;
        if (this.onCompaction) this.onCompaction({ error, journalBytes, captureMs });
        else process.emitWarning(`Nudge store compaction failed: ${(error as Error).message}`);
      })
      .finally(() => (this.compacting = null));
  }

  /** Compacts synchronously with respect to the store's users (open and close: nothing else runs). */
  private compactNow(): Promise<void> {
    return this.compact(this.seq, this.core.toData());
  }

  /** `data` (the state after line `seq`) becomes db.data and is written as the snapshot. */
  private async compact(seq: number, data: StoreData): Promise<void> {
    this.db.data = atJournalSeq(data, seq);
    await this.db.write();
    const timing = this.adapter.lastWrite!;
    this.snapshotBytes = timing.bytes;
    this.lastCompaction = timing;
    this.compactions++;
    this.compactionError = null;
  }
}
