/**
 * The runtime's store: a MemoryStore whose state lives in a lowdb JSON file.
 *
 * lowdb rewrites the whole file on every write (about a second at 100k
 * contacts here, see scripts/bench-store.ts), so commits never write
 * directly: they change memory at once and a GroupWriter writes the file
 * behind them, one write in progress and at most one queued. `flush()` is
 * the durability point. Writes are atomic: lowdb's steno writes a temp file
 * (`.<name>.tmp` beside it) and renames it over the store, so a crash
 * leaves either the old file or the new one, never half of one.
 *
 * @example
 *   const store = await LowdbStore.open('data/store.json');
 *   await store.commit({ contacts: [{ id: 'c1' }] });
 *   await store.flush(); // on disk now
 *   await store.close();
 */
import { resolve } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { GroupWriter } from './group-writer';
import { MemoryStore } from './memory-store';
import { readStoreFile } from './read-store-file';
import { emptyStoreData, type StoreData } from './store-data';
import { StoreFileError } from './store-file-error';
import { stringifyStore } from './store-json';

export interface LowdbStoreOptions {
  /**
   * Wait this long after a commit before writing, so more commits share the
   * write (default 0: the next turn of the event loop). A busy server may
   * raise it to bound how often serialisation blocks the event loop;
   * `flush()` never waits for it.
   */
  writeDelayMs?: number;
}

export class LowdbStore extends MemoryStore {
  /** Completed file writes since opening (tests and the benchmark read it). */
  writes = 0;
  /** Duration of the last completed write, in ms. */
  lastWriteMs = 0;
  /** Of which the event loop was blocked (building and serialising the data), in ms. */
  lastBlockingMs = 0;
  private readonly db: Low<StoreData>;
  private readonly writer: GroupWriter;

  private constructor(
    readonly file: string,
    data: StoreData,
    options: LowdbStoreOptions,
  ) {
    super(data, true);
    this.db = new Low(new DataFile<StoreData>(file, { parse: JSON.parse, stringify: stringifyStore }), emptyStoreData());
    this.writer = new GroupWriter(() => this.writeNow(), options.writeDelayMs ?? 0);
  }

  /**
   * Opens the store file, creating it if it does not exist. A file that
   * cannot be read or is not a sound store is refused with a StoreFileError
   * and left untouched.
   */
  static async open(file: string, options: LowdbStoreOptions = {}): Promise<LowdbStore> {
    const path = resolve(file);
    const data = await readStoreFile(path);
    const store = new LowdbStore(path, data ?? emptyStoreData(), options);
    if (data === null) {
      // Create the file now: a wrong directory should fail at open, not at the first step.
      store.changed();
      await store.flush().catch((error: unknown) => {
        const cause = error instanceof StoreFileError ? error.cause : error;
        const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
        throw new StoreFileError(path, `does not exist and cannot be created (${code})`, 'Check that its directory exists and is writable.', {
          cause,
          exists: false,
        });
      });
    }
    return store;
  }

  /** Resolves once everything committed before the call is in the file. */
  override async flush(): Promise<void> {
    await this.writer.flush();
  }

  /** Refuses further changes, then waits for the last write. */
  override async close(): Promise<void> {
    await super.close();
    await this.flush();
  }

  protected override changed(): void {
    this.writer.changed();
  }

  private async writeNow(): Promise<void> {
    const started = performance.now();
    // lowdb serialises synchronously inside write(), so the file gets exactly
    // the state of this instant, whatever commits arrive while it is written.
    this.db.data = this.core.toData();
    try {
      const written = this.db.write();
      this.lastBlockingMs = performance.now() - started;
      await written;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new StoreFileError(
        this.file,
        `could not be written (${code}); it still holds the last complete write and every change since is kept in memory`,
        'Free disk space or fix the permissions of its directory, then flush again.',
        { cause: error },
      );
    } finally {
      this.db.data = emptyStoreData(); // do not pin a second view of the data between writes
    }
    this.writes++;
    this.lastWriteMs = performance.now() - started;
  }
}
