// @vitest-environment node
/**
 * The Problems panel when the type checker itself fails (its worker cannot
 * start or crashes): the author is told once, checks back off instead of
 * respawning the worker per keystroke, and type errors return when it works.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from '../fake-emitter';


const warnings: string[] = [];
const published = new Map<string, unknown[]>();
const documents: unknown[] = [];
vi.mock('vscode', () => ({
  Range: class { constructor(readonly start: unknown, readonly end: unknown) {} },
  Diagnostic: class { code?: string; source?: string; constructor(readonly range: unknown, readonly message: string, readonly severity: number) {} },
  DiagnosticSeverity: { Error: 0, Warning: 1 },
  languages: {
    createDiagnosticCollection: () => ({
      set: (uri: { toString(): string }, d: unknown[]) => published.set(uri.toString(), d),
      delete: (uri: { toString(): string }) => published.delete(uri.toString()),
      dispose() {},
    }),
  },
  workspace: {
    textDocuments: documents,
    onDidOpenTextDocument: () => ({ dispose() {} }),
    onDidChangeTextDocument: () => ({ dispose() {} }),
    onDidCloseTextDocument: () => ({ dispose() {} }),
    getConfiguration: () => ({ get: (_k: string, fallback: unknown) => fallback }),
    asRelativePath: (uri: { fsPath: string }) => uri.fsPath,
  },
  window: { showWarningMessage: async (m: string) => { warnings.push(m); } },
}));
const { DiagnosticsController } = await import('../../../extension/language/diagnostics-controller');

const doc = {
  uri: { scheme: 'file', fsPath: '/w/a.seq.ts', toString: () => 'file:///w/a.seq.ts' },
  fileName: '/w/a.seq.ts',
  version: 1,
  isClosed: false,
  getText: () => 'const x: number = "no";',
  positionAt: (offset: number) => ({ offset }),
};
const analyzer = { onDidAnalyze: new Emitter<unknown>().event, onDidChangeDependency: new Emitter<string>().event };

afterEach(() => { vi.useRealTimers(); });

describe('DiagnosticsController when the type checker fails', () => {
  it('warns once, retries every 10 s instead of per keystroke, and shows type errors again when it works', async () => {
    vi.useFakeTimers();
    documents.push(doc);
    let calls = 0;
    let broken = true;
    const checker = {
      check: async () => {
        calls++;
        if (broken) throw new Error('The type checker stopped (exit code 1)');
        return [{ severity: 'error', code: 'TS2322', message: "Type 'string' is not assignable to type 'number'.", start: 6, length: 1 }];
      },
      close() {},
    };
    const controller = new DiagnosticsController(analyzer as never, checker as never);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not type-check \/w\/a\.seq\.ts: The type checker stopped \(exit code 1\)\. Type errors are not shown/);

    await vi.advanceTimersByTimeAsync(9_000);
    expect(calls).toBe(1); // no respawn before the back-off ends
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    expect(warnings).toHaveLength(1); // still broken, told once

    broken = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(3);
    expect(published.get('file:///w/a.seq.ts')).toEqual([expect.objectContaining({ code: 'TS2322', source: 'ts' })]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(3); // working again: no more retries
    controller.dispose();
  });
});
