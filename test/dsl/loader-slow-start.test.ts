// @vitest-environment node
/**
 * The loader's time limit is for the file's own evaluation. A process that is
 * slow to start (a busy machine, an editor that is itself starting) is not an
 * endless loop in the author's file: here every evaluation child spends 1.5 s
 * in a preload before it is up, against a 1 s limit.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSequenceFile } from '../../dsl/loader/load';

const SAMPLE = resolve(__dirname, '../../samples/lead-welcome.seq.ts');
const slowStart = join(tmpdir(), `nudge-slow-start-${process.pid}.cjs`);
const previous = process.env.NODE_OPTIONS;
afterAll(() => {
  rmSync(slowStart, { force: true });
  if (previous === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = previous;
});

describe('the evaluation time limit', () => {
  it('counts the evaluation, not a slow start of the evaluation process', async () => {
    writeFileSync(slowStart, 'const end = Date.now() + 1500; while (Date.now() < end);\n');
    // Forked children inherit the environment: each one runs the preload first.
    process.env.NODE_OPTIONS = `${previous ?? ''} --require ${slowStart}`.trim();
    const loaded = await loadSequenceFile(SAMPLE, { timeoutMs: 1000 });
    expect(loaded.map((l) => l.ir.id)).toContain('lead-welcome');
  }, 30_000);
});
