/**
 * TypeScript's own verdict on sequence files, for `nudge check`: the DSL's
 * types catch most mistakes (a misspelt weekday, a non-date field in
 * `fieldTimer`), and a CI run should fail on them too, not only the editor.
 */
import ts from 'typescript';
import { resolve } from 'node:path';
import type { SourcePos } from './ir';
import { dslEntry } from './loader/package-root';

export interface TypeDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  source: SourcePos;
}

export const SEQUENCE_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  lib: ['lib.es2022.d.ts'],
};

export function typecheckFiles(files: string[]): TypeDiagnostic[] {
  const options: ts.CompilerOptions = {
    ...SEQUENCE_COMPILER_OPTIONS,
    baseUrl: '.',
    paths: { nudge: [dslEntry()] },
  };
  const program = ts.createProgram(files.map((f) => resolve(f)), options);
  const wanted = new Set(files.map((f) => resolve(f)));
  const all = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
  return all
    .filter((d) => d.file && wanted.has(resolve(d.file.fileName)))
    .map((d) => {
      const pos = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return {
        severity: d.category === ts.DiagnosticCategory.Warning ? 'warning' : 'error',
        code: `TS${d.code}`,
        message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
        source: { file: resolve(d.file!.fileName), line: pos.line + 1, column: pos.character + 1 },
      } satisfies TypeDiagnostic;
    });
}
