// @vitest-environment node
/**
 * The analyzer's one-evaluation-per-file rule against a stand-in `vscode`:
 * a newer text cancels the evaluation of an older one (its child process is
 * killed) instead of waiting for it, and a cancelled evaluation is neither
 * shown nor reported as an error.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Emitter } from '../fake-emitter';
import type { SequenceAnalysis } from '../../../extension/analysis/analysis';


const errors: string[] = [];
const settings: Record<string, unknown> = { 'loader.timeoutMs': 60_000, 'diagnostics.debounceMs': 0 };
const closed = new Emitter<unknown>();
const diskChanged = new Emitter<{ fsPath: string }>();
const openDocuments: unknown[] = [];
vi.mock('vscode', () => ({
  EventEmitter: Emitter,
  workspace: {
    textDocuments: openDocuments,
    createFileSystemWatcher: () => ({ onDidChange: diskChanged.event, onDidCreate: () => ({ dispose() {} }), onDidDelete: () => ({ dispose() {} }), dispose() {} }),
    onDidSaveTextDocument: () => ({ dispose() {} }),
    onDidOpenTextDocument: () => ({ dispose() {} }),
    onDidChangeTextDocument: () => ({ dispose() {} }),
    onDidCloseTextDocument: closed.event,
    getConfiguration: () => ({ get: (key: string, fallback: unknown) => settings[key] ?? fallback }),
    asRelativePath: (uri: { fsPath: string }) => uri.fsPath,
  },
  window: { showErrorMessage: async (m: string) => { errors.push(m); } },
}));
const { SequenceAnalyzer } = await import('../../../extension/analysis/sequence-analyzer');
const { loadSequenceFile, LoadCancelled } = await import('../../../dsl/loader/load');
const { analyzeText } = await import('../../../extension/analysis/analyze-text');

const tmp = mkdtempSync(join(tmpdir(), 'nudge-analyzer-'));
const started: number[] = [];
afterAll(() => {
  // A looping child cannot notice that its parent left: if a check failed before it was killed, kill it here.
  for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});
const GOOD = readFileSync(resolve(__dirname, '../../../samples/lead-welcome.seq.ts'), 'utf8');
/** A text whose evaluation never ends; its child process writes its pid first. */
const looping = (pidFile: string) => `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nfor (;;) {}\n`;

/** A document whose text the test edits, as the editor would (the version goes up). */
function editableDocument(fileName: string, text: string) {
  const doc = {
    uri: { scheme: 'file', fsPath: fileName, path: fileName, toString: () => `file://${fileName}` },
    fileName,
    version: 1,
    isClosed: false,
    text,
    getText: () => doc.text,
    edit(next: string) { doc.text = next; doc.version++; },
  };
  return doc;
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (check()) return true;
  return check();
}
const pidIn = async (file: string) => {
  expect(await until(() => existsSync(file) && readFileSync(file, 'utf8').length > 0, 15_000), 'the looping text started evaluating').toBe(true);
  const pid = Number(readFileSync(file, 'utf8'));
  started.push(pid);
  return pid;
};

describe('SequenceAnalyzer: a newer text cancels a slow older one', () => {
  it('analyses a good text at once while an endless loop with a 60 s limit is running, and kills the loop\'s child', async () => {
    const analyzer = new SequenceAnalyzer();
    const pidFile = join(tmp, 'loop-1.pid');
    const doc = editableDocument(join(tmp, 'edited.seq.ts'), looping(pidFile));
    const shown: SequenceAnalysis[] = [];
    analyzer.onDidAnalyze((a) => shown.push(a));

    analyzer.schedule(doc as never, 0);
    const pid = await pidIn(pidFile);
    expect(alive(pid)).toBe(true);

    doc.edit(GOOD);
    const began = Date.now();
    analyzer.schedule(doc as never, 0);
    expect(await until(() => shown.length > 0, 20_000), 'the good text was analysed').toBe(true);
    const elapsed = Date.now() - began;

    expect(shown.map((a) => a.version)).toEqual([2]);
    expect(shown[0].problem).toBeNull();
    expect(shown[0].sequences.length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(10_000); // not the loop's 60 s limit (about 0.2 s on a quiet machine)
    expect(await until(() => !alive(pid), 2000), 'the looping child is gone').toBe(true);
    expect(errors).toEqual([]);
    expect(analyzer.latest(doc.uri as never)?.version).toBe(2);
    analyzer.dispose();
  }, 60_000);

  it('analyze() of the newer text does not wait for the older one either', async () => {
    const analyzer = new SequenceAnalyzer();
    const pidFile = join(tmp, 'loop-2.pid');
    const doc = editableDocument(join(tmp, 'analyzed.seq.ts'), looping(pidFile));
    analyzer.schedule(doc as never, 0);
    const pid = await pidIn(pidFile);

    doc.edit(GOOD);
    const began = Date.now();
    const analysis = await analyzer.analyze(doc as never);
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(analysis).toMatchObject({ version: 2, problem: null });
    expect(await until(() => !alive(pid), 2000)).toBe(true);
    expect(errors).toEqual([]);
    analyzer.dispose();
  }, 60_000);

  it('closing the document stops its running evaluation', async () => {
    const analyzer = new SequenceAnalyzer();
    const pidFile = join(tmp, 'loop-3.pid');
    const doc = editableDocument(join(tmp, 'closed.seq.ts'), looping(pidFile));
    analyzer.schedule(doc as never, 0);
    const pid = await pidIn(pidFile);
    doc.isClosed = true;
    closed.fire(doc);
    expect(await until(() => !alive(pid), 2000)).toBe(true);
    expect(errors).toEqual([]);
    analyzer.dispose();
  }, 60_000);
});

describe('SequenceAnalyzer: helper modules', () => {
  const helperFile = join(tmp, 'names.ts');
  const seqText = `import { sequence, start } from 'nudge';\nimport { TAG } from './names';\n\nexport default sequence('uses-helper', { name: 'Uses helper', paths: [start().applyTag(TAG)] });\n`;

  it('evaluates a sequence file again when a helper module it imports changes on disk, and only then', async () => {
    writeFileSync(helperFile, "export const TAG = 'Old';\n");
    const other = join(tmp, 'unrelated.ts');
    writeFileSync(other, 'export const x = 1;\n');
    const doc = editableDocument(join(tmp, 'uses-helper.seq.ts'), seqText);
    openDocuments.push(doc);
    const analyzer = new SequenceAnalyzer();
    const shown: SequenceAnalysis[] = [];
    analyzer.onDidAnalyze((a) => shown.push(a));
    const changes: string[] = [];
    analyzer.onDidChangeDependency((f) => changes.push(f));
    try {
      const first = await analyzer.analyze(doc as never);
      expect(JSON.stringify(first.sequences)).toContain('"Old"');
      expect(first.inputs).toEqual([helperFile]);

      diskChanged.fire({ fsPath: other }); // not imported: nothing to redo
      await new Promise((r) => setTimeout(r, 300));
      expect(shown).toHaveLength(1);
      expect(await analyzer.analyze(doc as never)).toBe(first);

      writeFileSync(helperFile, "export const TAG = 'New';\n");
      diskChanged.fire({ fsPath: helperFile });
      expect(await until(() => shown.length === 2, 20_000), 'analysed again after the helper changed').toBe(true);
      expect(JSON.stringify(shown[1].sequences)).toContain('"New"');
      expect(shown[1].version).toBe(doc.version); // the same text of the sequence file
      expect((await analyzer.analyze(doc as never))).toBe(shown[1]);
      expect(changes).toEqual([other, helperFile]); // the type check hears of every script change
    } finally {
      analyzer.dispose();
      openDocuments.length = 0;
    }
  }, 60_000);

  it("puts a helper's load error on the import line of the sequence file, naming the helper's line", async () => {
    writeFileSync(helperFile, "export const TAG = 'Fine';\nthrow new Error('helper broke');\n");
    const file = join(tmp, 'broken-helper.seq.ts');
    const analysis = await analyzeText(file, seqText);
    expect(analysis.problem?.source?.file).toBe(helperFile); // the canvas banner and "go to problem" still point at the helper
    expect(analysis.diagnostics).toEqual([expect.objectContaining({
      code: 'NUDGE_ERR_LOAD_THROW',
      message: expect.stringMatching(/^in names\.ts:2:\d+: Error: helper broke/),
      source: { file, line: 2, column: 21 }, // the specifier's quote
    })]);
    expect(analysis.inputs).toEqual([helperFile]);
  }, 30_000);
});

describe('loadSequenceFile with an AbortSignal', () => {
  it('kills the evaluation process and rejects with LoadCancelled, not a LoadError', async () => {
    const pidFile = join(tmp, 'loop-4.pid');
    const controller = new AbortController();
    const loading = loadSequenceFile(join(tmp, 'cancelled.seq.ts'), { contents: looping(pidFile), timeoutMs: 60_000, signal: controller.signal });
    const outcome = loading.then(() => 'loaded', (e: unknown) => e);
    const pid = await pidIn(pidFile);
    const began = Date.now();
    controller.abort();
    const err = await outcome;
    expect(Date.now() - began).toBeLessThan(1000);
    expect(err).toBeInstanceOf(LoadCancelled);
    expect((err as Error).name).toBe('AbortError');
    expect(await until(() => !alive(pid), 2000)).toBe(true);
  }, 60_000);

  it('does not start at all when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadSequenceFile(join(tmp, 'never.seq.ts'), { contents: GOOD, signal: controller.signal })).rejects.toBeInstanceOf(LoadCancelled);
  });
});
