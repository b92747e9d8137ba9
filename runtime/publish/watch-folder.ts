/**
 * Watches a sequence folder with chokidar and reports each sequence file
 * once its saves settle: editors often write a file two or three times in
 * a row (truncate, write, rename a temp file over it), and loading a half
 * written file would log a bogus error. Temp files and the loader's bundle
 * files are not sequence files (see isSequenceFileName) and are ignored.
 */
import { watch, type FSWatcher } from 'chokidar';
import { basename, resolve } from 'node:path';
import { isSequenceFileName } from '../../dsl/check/check-file';

export type FileEvent = 'changed' | 'deleted';

export interface FolderWatcher {
  /** Resolves when the initial scan is done and later saves are seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function watchFolder(dir: string, onFile: (file: string, event: FileEvent) => void, debounceMs = 150): FolderWatcher {
  const timers = new Map<string, NodeJS.Timeout>();
  const settle = (path: string, event: FileEvent) => {
    if (!isSequenceFileName(basename(path))) return;
    const file = resolve(path);
    clearTimeout(timers.get(file));
    timers.set(file, setTimeout(() => {
      timers.delete(file);
      onFile(file, event);
    }, debounceMs));
  };
  const watcher: FSWatcher = watch(dir, { ignoreInitial: true, depth: 0 });
  watcher.on('add', (p) => settle(p, 'changed'));
  watcher.on('change', (p) => settle(p, 'changed'));
  watcher.on('unlink', (p) => settle(p, 'deleted'));
  const ready = new Promise<void>((res) => watcher.once('ready', () => res()));
  return {
    ready,
    async close() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await watcher.close();
    },
  };
}
