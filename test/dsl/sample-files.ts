/** The sample campaign files, loaded once through the real loader and shared by the suites. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSequenceFile, type LoadedSequence } from '../../dsl/loader/load';

export const SAMPLES_DIR = resolve(__dirname, '../../samples');

export const sampleFiles = (): string[] =>
  readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.seq.ts')).sort().map((f) => join(SAMPLES_DIR, f));

const cache = new Map<string, Promise<LoadedSequence[]>>();

export function loadSample(file: string): Promise<LoadedSequence[]> {
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = loadSequenceFile(file, { timeoutMs: 10_000 });
    cache.set(file, loaded);
  }
  return loaded;
}

export async function loadAllSamples(): Promise<Array<LoadedSequence & { file: string }>> {
  const all = await Promise.all(sampleFiles().map(async (file) => (await loadSample(file)).map((s) => ({ ...s, file }))));
  return all.flat();
}
