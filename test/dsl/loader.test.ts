/**
 * The loader: bundle a sequence file, evaluate it in a time-limited child,
 * return every exported sequence or a LoadError that names the file, the
 * line and what to do.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSequenceFile } from '../../dsl/loader/load';
import { LoadError } from '../../dsl/loader/load-error';

const FILES = resolve(__dirname, 'files');
const file = (name: string) => join(FILES, name);
const lineOf = (path: string, needle: string) => readFileSync(path, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

async function loadError(path: string, options?: Parameters<typeof loadSequenceFile>[1]): Promise<LoadError> {
  const err = await loadSequenceFile(path, options).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LoadError);
  return err as LoadError;
}

const tmp = mkdtempSync(join(tmpdir(), 'nudge-loader-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('loadSequenceFile', () => {
  it('returns every exported sequence once, with its export name', async () => {
    const loaded = await loadSequenceFile(file('several.seq.ts'));
    expect(loaded.map((l) => l.ir.id)).toEqual(['first', 'second', 'third']);
    // `first` is exported twice (default and by name): reported once, under either name.
    expect(['default', 'first']).toContain(loaded[0].exportName);
    expect(loaded.slice(1).map((l) => l.exportName)).toEqual(['more', 'more']);
    expect(loaded[0].ir.paths[0].steps[0]).toMatchObject({ kind: 'applyTag', params: { tag: 'One' } });
  });

  it('reports a file that throws with the file and the line of the throw', async () => {
    const path = file('throws.seq.ts');
    const err = await loadError(path);
    expect(err.code).toBe('NUDGE_ERR_LOAD_THROW');
    expect(err.message).toBe('Error: price list service unavailable');
    expect(err.source).toMatchObject({ file: path, line: lineOf(path, "throw new Error('price list") });
    expect(err.format()).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:\\d+ error NUDGE_ERR_LOAD_THROW Error: price list service unavailable$`));
  });

  it('reports a DslError at the DSL call that rejected its input, without a stack', async () => {
    const path = file('dsl-error.seq.ts');
    const err = await loadError(path);
    expect(err.code).toBe('NUDGE_ERR_LOAD_DSL');
    expect(err.message).toMatch(/^Invalid duration "2 days": write a whole number followed by m, h, d or w, e\.g\. '90m', '2d', '1w'\.$/);
    expect(err.source).toEqual({ file: path, line: lineOf(path, ".delay('2 days'"), column: 4 });
  });

  it('gives up on a file that never finishes evaluating', async () => {
    const path = file('loops.seq.ts');
    const began = Date.now();
    const err = await loadError(path);
    const elapsed = Date.now() - began;
    expect(err.code).toBe('NUDGE_ERR_LOAD_TIMEOUT');
    expect(err.source.file).toBe(path);
    expect(err.message).toMatch(/within 2000 ms: look for an endless loop/);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(2500); // the 2 s limit plus bundling and process start
  });

  it('honours a shorter time limit', async () => {
    const began = Date.now();
    const err = await loadError(file('loops.seq.ts'), { timeoutMs: 300 });
    expect(err.code).toBe('NUDGE_ERR_LOAD_TIMEOUT');
    expect(Date.now() - began).toBeLessThan(1500);
  });

  it('reports a file that exports no sequence and says what to export', async () => {
    const path = file('no-export.seq.ts');
    const err = await loadError(path);
    expect(err.code).toBe('NUDGE_ERR_LOAD_NO_EXPORT');
    expect(err.source.file).toBe(path);
    expect(err.message).toContain('export default sequence(');
  });

  it('reports a syntax error with its line and column', async () => {
    // Nested a few folders deep, so a path resolved against the wrong folder shows.
    const dir = join(tmp, 'campaigns', 'q4');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'syntax-error.seq.ts');
    copyFileSync(file('syntax-error.seq.ts.txt'), path);
    const err = await loadError(path);
    expect(err.code).toBe('NUDGE_ERR_LOAD_SYNTAX');
    expect(err.source.file).toBe(path);
    expect(err.source.line).toBe(lineOf(path, "body: 'Hello' )"));
    const text = readFileSync(path, 'utf8').split('\n')[err.source.line - 1];
    expect(text.slice(err.source.column - 1)).toBe(')],');
    expect(err.message).toMatch(/Expected "}" but found "\)"/);
  });

  it('reports a syntax error in unsaved contents at its line in the buffer', async () => {
    const path = file('minimal.seq.ts');
    const contents = "import { sequence, start } from 'nudge';\n\n\nexport default sequence('x', { name: 'x', paths: [start(] });\n";
    const err = await loadError(path, { contents });
    expect(err.code).toBe('NUDGE_ERR_LOAD_SYNTAX');
    expect(err.source).toMatchObject({ file: path, line: 4 });
  });

  it('gives a syntax error\'s column in characters, as the editor counts them, after accented text', async () => {
    const path = file('minimal.seq.ts');
    const line = "export const café = 'crème brûlée'; const = 1;";
    const err = await loadError(path, { contents: `import { sequence } from 'nudge';\n${line}\n` });
    expect(err.code).toBe('NUDGE_ERR_LOAD_SYNTAX');
    expect(err.source).toMatchObject({ line: 2, column: line.indexOf('= 1') + 1 }); // esbuild's byte column would be 4 further right (é, è, û, é)
  });

  it('evaluates unsaved contents instead of the file on disk, with positions in the buffer', async () => {
    const path = file('minimal.seq.ts');
    const onDisk = await loadSequenceFile(path);
    expect(onDisk[0].ir.id).toBe('on-disk');

    const contents = [
      "import { sequence, start } from 'nudge';",
      '',
      '// edited in the editor, not saved yet',
      "export default sequence('unsaved', {",
      "  name: 'Unsaved buffer',",
      "  paths: [start().applyTag('Draft').delay('1d')],",
      '});',
      '',
    ].join('\n');
    const [loaded] = await loadSequenceFile(path, { contents });
    expect(loaded.ir.id).toBe('unsaved');
    const col = (line: number, needle: string) => contents.split('\n')[line - 1].indexOf(needle) + 1;
    expect(loaded.ir.source).toEqual({ file: path, line: 4, column: col(4, 'sequence(') });
    expect(loaded.ir.paths[0].source).toEqual({ file: path, line: 6, column: col(6, 'start(') });
    expect(loaded.ir.paths[0].steps.map((s) => s.source)).toEqual([
      { file: path, line: 6, column: col(6, 'applyTag(') },
      { file: path, line: 6, column: col(6, 'delay(') },
    ]);
    expect(readFileSync(path, 'utf8')).not.toContain("sequence('unsaved'");
  });

  it('reports a missing file', async () => {
    const err = await loadSequenceFile(file('does-not-exist.seq.ts')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/does-not-exist\.seq\.ts/);
  });
});
