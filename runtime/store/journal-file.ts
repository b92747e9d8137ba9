/**
 * The live journal file, append-only. `append` returns once the bytes are
 * on disk (write, then fdatasync): the store's durability point. A failed
 * append (disk full) is cut back off, so the file never keeps half a group
 * of lines that a later successful append would bury in the middle; `size`
 * stays the acknowledged length either way (a store reading the file back
 * reads only that much).
 */
import { open as openFile, rename, type FileHandle } from 'node:fs/promises';
import { openSync, closeSync, fsyncSync } from 'node:fs';
import { dirname } from 'node:path';
import { OWNER_FILE_MODE } from './owner-only';

/** Makes a rename or a new file in `dir` durable (the directory entry itself). */
export async function syncDir(dir: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse to fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * How the journal opens its file: the file system's `open`, or (in tests)
 * one whose handles fail like a full disk. The edge of the store's world.
 */
export type OpenJournal = (path: string, flags: string, mode: number) => Promise<FileHandle>;

const defaultOpen: OpenJournal = (path, flags, mode) => openFile(path, flags, mode);

export class JournalFile {
  private constructor(
    readonly path: string,
    private readonly open: OpenJournal,
    private handle: FileHandle,
    /** Bytes in the file (all of them acknowledged). */
    public size: number,
  ) {}

  /** Opens (creating if needed, owner-only) the file for appending. */
  static async open(path: string, open: OpenJournal = defaultOpen): Promise<JournalFile> {
    const handle = await open(path, 'a', OWNER_FILE_MODE);
    const { size } = await handle.stat();
    await syncDir(dirname(path));
    return new JournalFile(path, open, handle, size);
  }

  async append(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    const before = this.size;
    try {
      for (let done = 0; done < bytes.length; ) {
        const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done);
        done += bytesWritten;
      }
      await this.handle.datasync();
    } catch (error) {
      await this.handle.truncate(before).catch(() => undefined);
      throw error;
    }
    this.size = before + bytes.length;
  }

  /**
   * Renames this file to `to` and continues in a new, empty file at the
   * same path: the lines so far stay in `to` until a snapshot holds them.
   */
  async rotate(to: string): Promise<void> {
    await this.handle.close();
    try {
      await rename(this.path, to);
    } finally {
      // Renamed or not, appends go on: to a new file, or (rename failed) the same one.
      this.handle = await this.open(this.path, 'a', OWNER_FILE_MODE);
      this.size = (await this.handle.stat()).size;
    }
    await syncDir(dirname(this.path));
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
