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
 * A change whose append fails (disk full, I/O error) never becomes true:
 * the store undoes every change that is not on disk by reading its state
 * back from its files (snapshot and acknowledged journal lines), refusing
 * changes meanwhile, and `flush()` rejects for each of them. So a request
 * answered with an error has changed nothing, and no outbox item of it is
 * ever delivered. `writeProblem()` says what the last failed write was,
 * until a later one succeeds (for `/health`).
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
import { copyFile, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Low } from 'lowdb';
import { GroupWriter } from './group-writer';
import { encodeOp, type StoreOp } from './journal-ops';
import { JournalFile, syncDir, type OpenJournal } from './journal-file';
import { journalFiles, journalPath, replayJournal, rotatedPath, type JournalReplay } from './journal-read';
import { OWNER_FILE_MODE, tightenMode } from './owner-only';
import { readStoreFile } from './read-store-file';
import { StoreCore } from './store-core';
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
  /**
   * Open a journal with damage (lines that may have been acknowledged) by
   * keeping the lines before it and giving up the rest, after copying the
   * journal files beside them (`<file>.damaged-<time>`). Without it such a
   * journal is refused with the file, the line and what to do.
   */
  acceptJournalLoss?: boolean;
  /** How the journal's file is opened (tests inject a failing disk here). */
  openJournal?: OpenJournal;
}

/** What opening found and did beyond the ordinary: for the start-up log. */
export interface StoreOpenReport {
  /** An interrupted last append dropped (never acknowledged). */
  torn: JournalReplay['torn'];
  /** Damage given up with `acceptJournalLoss`, and where the copies of the journal files are. */
  lost: (NonNullable<JournalReplay['lost']> & { copies: string[] }) | null;
  /** Store files found readable by others and made owner-only, with the mode they had. */
  tightened: Array<{ path: string; was: string }>;
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
  /** What opening found (torn tail, accepted loss, modes tightened). */
  opened: StoreOpenReport = { torn: [], lost: null, tightened: [] };
  /** Changes applied in memory since opening (never reset, unlike `seq`), and how many of them are on disk. */
  private ops = 0;
  private durableOps = 0;
  /** Changes undone after a failed append (ranges of `ops`), with the error their flushes reject with. */
  private lostOps: Array<{ from: number; to: number; error: StoreFileError }> = [];
  /** Set while a failed append is being undone (or could not be): changes are refused. */
  private recovering: StoreFileError | null = null;
  /** The last failed append or compaction, until an append succeeds. */
  private problem: string | null = null;

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
    adapter.acceptJournalLoss = options.acceptJournalLoss === true;
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
      store.opened.torn = replay.torn;
      if (replay.lost !== null) {
        // Kept before anything is written or removed: the operator accepted the loss, not the destruction of the evidence.
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const copies: string[] = [];
        for (const f of replay.files) {
          const copy = `${f}.damaged-${stamp}`;
          await copyFile(f, copy);
          copies.push(copy);
        }
        await syncDir(dirname(path));
        store.opened.lost = { ...replay.lost, copies };
      }
      // Fold the journal into the file now: the next crash replays only what comes after.
      // (compactNow's snapshot is fsync'd, file and folder, before any journal is removed.)
      if (replay.files.length > 0) {
        // (Nothing new to fold in, e.g. a crash right after a compaction: the file is already current.)
        if (replay.applied > 0 || replay.lost !== null) await store.compactNow();
        // Every line is in the file now (a torn tail goes too, so appends start on a clean line).
        for (const f of replay.files) await rm(f, { force: true });
      }
    }
    for (const f of [path, ...(await journalFiles(path))]) {
      const was = await tightenMode(f, OWNER_FILE_MODE);
      if (was !== null) store.opened.tightened.push({ path: f, was });
    }
    store.journal = await JournalFile.open(journalPath(path), options.openJournal);
    adapter.sliced = true; // from now on requests run between a snapshot's slices
    return store;
  }

  /**
   * Resolves once everything committed before the call is in the journal,
   * on disk. Rejects if the last change before the call was undone because
   * its append failed, and while such changes are being undone (callers
   * flush right after their commit, as the host's commands do, so that
   * change is theirs).
   */
  override async flush(): Promise<void> {
    const op = this.ops;
    this.throwIfLost(op);
    // While undoing, memory may still show undone changes: nothing read now may be treated as durable.
    if (this.recovering) throw this.recovering;
    if (op <= this.durableOps) return;
    try {
      await this.writer.flush();
    } catch (error) {
      this.throwIfLost(op);
      throw error;
    }
    this.throwIfLost(op);
  }

  /** What is wrong with writing this store now (the last failed append or compaction, until an append succeeds), or null. */
  writeProblem(): string | null {
    return this.recovering?.message ?? this.problem;
  }

  private throwIfLost(op: number): void {
    const lost = this.lostOps.find((r) => op >= r.from && op <= r.to);
    if (lost) throw lost.error;
  }

  protected override assertOpen(what: string): void {
    super.assertOpen(what);
    if (this.recovering) throw this.recovering;
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
    this.ops++;
    this.writer.changed();
  }

  /** The GroupWriter's write: append every queued line, then maybe start a compaction. */
  private async appendQueued(): Promise<void> {
    if (this.queued.length === 0 || this.journal === null) return;
    const started = performance.now();
    const lines = this.queued;
    const upTo = this.ops;
    this.queued = [];
    // The snapshot to come is the state these lines lead to, captured before the append: once
    // it succeeds every change in it is durable (changes committed meanwhile are not in it).
    const threshold = this.options.compactAtBytes ?? Math.max(16 * 2 ** 20, 2 * this.snapshotBytes);
    const text = lines.join('');
    const capture = this.compacting === null && this.journal.size + Buffer.byteLength(text) >= threshold ? this.capture() : null;
    try {
      await this.journal.append(text);
    } catch (error) {
      const failed = new StoreFileError(
        this.journal.path,
        `could not be appended to (${errorCode(error)}); the changes not yet on disk were undone and their requests answered with this error`,
        'Free disk space or fix the permissions of its directory; changes are accepted again as soon as a write succeeds.',
        { cause: error },
      );
      this.problem = failed.message;
      await this.undoUndurable(failed);
      throw failed;
    }
    this.durableOps = upTo;
    this.problem = null;
    this.writes++;
    this.lastWriteMs = performance.now() - started;
    if (capture !== null) await this.startCompaction(capture);
  }

  /** The state as of the last line queued, by reference (the core replaces objects, never edits them in place). */
  private capture(): { seq: number; data: StoreData; captureMs: number } {
    const captured = performance.now();
    const data = this.core.toData();
    return { seq: this.seq, data, captureMs: performance.now() - captured };
  }

  /**
   * After a failed append: every change applied in memory but not on disk
   * is undone, by building the state again from the files (the snapshot
   * and the journal's acknowledged bytes), which hold exactly the durable
   * changes. Runs inside the GroupWriter's write, so no append starts
   * meanwhile; changes are refused until it is done.
   */
  private async undoUndurable(error: StoreFileError): Promise<void> {
    this.recovering = error;
    this.lostOps.push({ from: this.durableOps + 1, to: this.ops, error });
    if (this.lostOps.length > 32) this.lostOps.shift();
    this.queued = [];
    try {
      await this.compacting; // it writes durable state only; its files must be settled before they are read
      const data = await readStoreFile(this.file);
      if (data === null) throw new Error('the store file is gone');
      const core = StoreCore.fromData(data);
      const limits = new Map([[this.journal!.path, this.journal!.size]]);
      const replay = await replayJournal(core, this.file, data.journalSeq ?? 0, { limits });
      this.core = core;
      this.seq = replay.lastSeq;
      // A settled point after the undone changes: flushes called from now on (by callers whose changes
      // were all undone and reported, or who only read) resolve; the undone ones still reject.
      this.ops++;
      this.durableOps = this.ops;
      this.recovering = null;
    } catch (cause) {
      // Memory may hold changes that are not on disk: refuse every change until a restart reads the files again.
      this.recovering = new StoreFileError(
        this.file,
        `could not be read back after a failed write (${(cause as Error).message}); changes are refused`,
        'Restart the server once the disk is fixed: it opens the store from its files, which hold every acknowledged change.',
        { cause },
      );
      this.problem = this.recovering.message;
    }
  }

  /**
   * Runs between two appends (inside the GroupWriter's write), so no line
   * is half written while the journal is rotated. The state was captured
   * before the append that made it durable; serialising and writing it go
   * on in the background.
   */
  private async startCompaction({ seq, data, captureMs }: { seq: number; data: StoreData; captureMs: number }): Promise<void> {
    const journalBytes = this.journal!.size;
    await this.journal!.rotate(rotatedPath(this.file, seq));
    this.compacting = this.compact(seq, data)
      .then(() => this.onCompaction?.({ ...this.lastCompaction!, journalBytes, captureMs }))
      .catch((error: unknown) => {
        // Nothing is lost (the rotated journal stays and is replayed); the next threshold tries again.
        this.compactionError = error;
        this.problem = `store compaction failed: ${(error as Error).message}`;
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
