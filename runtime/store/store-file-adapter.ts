/**
 * The lowdb adapter of a Nudge store: the store file (the snapshot, a plain
 * lowdb JSON file) and the journal beside it.
 *
 * - `read()` is the snapshot with every journal line after it replayed:
 *   the store's data as of its last acknowledged change (`journalSeq`), or
 *   `null` when there is no store file (lowdb keeps its default data).
 * - `write(data)` writes `data` as the snapshot through lowdb's TextFile
 *   (steno's atomic Writer, see snapshot-file.ts), then deletes the rotated
 *   journal files it now holds.
 *
 * The journal's appends are not lowdb's: lowdb makes data durable only by
 * rewriting the whole file, which at 15 MB is far too slow for each
 * commit. So LowdbStore appends each commit's line to the journal and
 * fsyncs it (its durability point), and writes the snapshot through this
 * adapter only now and then (compaction), when the journal has grown.
 */
import type { Adapter } from 'lowdb';
import type { TextFile } from 'lowdb/node';
import { compactStore } from './compact-store';
import { journalFiles, replayJournal, type JournalReplay } from './journal-read';
import { readStoreFile } from './read-store-file';
import type { AtomicFileWriter, SnapshotTiming } from './snapshot-file';
import { StoreCore } from './store-core';
import { atJournalSeq, type StoreData } from './store-data';

export class StoreFileAdapter implements Adapter<StoreData> {
  /** Serialise a snapshot a slice at a time, giving the event loop turns (set while the store serves; open and close write in one go). */
  sliced = false;
  /** The last snapshot written. */
  lastWrite: SnapshotTiming | null = null;
  /** Open a journal with damage by giving up the lines from the damage on (`--accept-journal-loss`); otherwise damage is refused. */
  acceptJournalLoss = false;
  /** What the last `read()` replayed: lines applied, the journal files it read (every one, applied or not), a torn tail dropped, damage accepted. */
  lastReplay: Pick<JournalReplay, 'applied' | 'files' | 'torn' | 'lost'> = { applied: 0, files: [], torn: [], lost: null };
  private readonly writer: AtomicFileWriter;

  /**
   * @param file the store file (absolute path)
   * @param textFile lowdb's TextFile for `file`. It hands its argument on
   *   to steno's Writer, which writes whatever fs.promises.writeFile takes;
   *   so though typed for one string, it takes the snapshot's chunks too.
   */
  constructor(
    readonly file: string,
    textFile: TextFile,
  ) {
    this.writer = textFile as unknown as AtomicFileWriter;
  }

  /** @throws StoreFileError if the file or its journal is unreadable or not sound (both are left untouched). */
  async read(): Promise<StoreData | null> {
    const snapshot = await readStoreFile(this.file);
    this.lastReplay = { applied: 0, files: [], torn: [], lost: null };
    if (snapshot === null) return null;
    // After a clean close there is no journal: the parsed file is the data.
    if ((await journalFiles(this.file)).length === 0) return snapshot;
    // Journal lines are changes to the indexed state, so they are replayed on a core built from the snapshot.
    const core = StoreCore.fromData(snapshot);
    const replay = await replayJournal(core, this.file, snapshot.journalSeq ?? 0, { acceptLoss: this.acceptJournalLoss });
    this.lastReplay = { applied: replay.applied, files: replay.files, torn: replay.torn, lost: replay.lost };
    return replay.applied === 0 ? snapshot : atJournalSeq(core.toData(), replay.lastSeq);
  }

  /** `data.journalSeq` says which journal lines `data` holds: the rotated files up to it are deleted once the file is written. */
  async write(data: StoreData): Promise<void> {
    this.lastWrite = await compactStore(this.writer, this.file, data, this.sliced);
  }
}
