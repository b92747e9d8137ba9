// @vitest-environment node
/**
 * Golden canvases: for every `samples/*.seq.ts`, `test/golden/<name>.mmd` is
 * exactly what the renderer draws for all the file's sequences, and Mermaid
 * parses it. A change of output shows up as a reviewable diff.
 *
 * To accept new output: `UPDATE_GOLDEN=1 npx vitest run test/mermaid`.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadSequenceFile } from '../../dsl/loader/load';
import { toMermaid } from '../../dsl/mermaid';
import { parseMermaid } from './mermaid-parser';

const SAMPLES_DIR = resolve(__dirname, '../../samples');
const GOLDEN_DIR = resolve(__dirname, '../golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.seq.ts')).sort();
const goldenName = (sample: string) => `${basename(sample, '.seq.ts')}.mmd`;
const goldens = () => readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.mmd')).sort();

describe('golden canvases of the samples', () => {
  it('there are samples to draw', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(samples)('%s', async (sample) => {
    const loaded = await loadSequenceFile(join(SAMPLES_DIR, sample), { timeoutMs: 10_000 });
    const text = toMermaid(loaded.map((l) => l.ir)).text;
    const golden = join(GOLDEN_DIR, goldenName(sample));
    if (UPDATE) {
      writeFileSync(golden, text);
      return;
    }
    if (!existsSync(golden)) {
      throw new Error(`No golden file ${golden} for samples/${sample}: run UPDATE_GOLDEN=1 npx vitest run test/mermaid, then review and commit it.`);
    }
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('every golden file belongs to a sample (a renamed sample leaves no stale canvas)', () => {
    if (UPDATE) return;
    const expected = new Set(samples.map(goldenName));
    expect(goldens().filter((g) => !expected.has(g))).toEqual([]);
  });
});

describe('Mermaid accepts every golden file', () => {
  // Read at collection time: in update mode the files are written by the suite above,
  // which runs first in this file, so they are parsed from disk in the tests.
  it.each(samples.map(goldenName))('%s', async (name) => {
    const file = join(GOLDEN_DIR, name);
    if (!existsSync(file)) throw new Error(`Missing ${file}: run UPDATE_GOLDEN=1 npx vitest run test/mermaid.`);
    await parseMermaid(readFileSync(file, 'utf8'));
  });
});
