/**
 * TypeScript's verdict on sequence files while they are edited: one
 * language service kept warm for the whole session, fed the editor's unsaved
 * text. Unchanged files (the DSL's own sources, lib files) are parsed once and
 * reused through the document registry, so a keystroke re-checks one file.
 * No `vscode` here: the preview benchmark and the tests drive it directly.
 */
import ts from 'typescript';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { dslEntry } from '../../dsl/loader/package-root';
import { SEQUENCE_COMPILER_OPTIONS } from '../../dsl/typecheck';

export interface TsDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** Offsets into the file's text. */
  start: number;
  length: number;
}

interface OpenFile {
  text: string;
  version: number;
}

export class SequenceLanguageService {
  private readonly open = new Map<string, OpenFile>();
  private readonly service: ts.LanguageService;
  private readonly options: ts.CompilerOptions;

  constructor(registry: ts.DocumentRegistry = ts.createDocumentRegistry()) {
    this.options = { ...SEQUENCE_COMPILER_OPTIONS, baseUrl: dirname(dslEntry()), paths: { nudge: [dslEntry()] } };
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => this.options,
      getScriptFileNames: () => [...this.open.keys()],
      getScriptVersion: (f) => {
        const o = this.open.get(resolve(f));
        if (o) return `open:${o.version}`;
        try { return `disk:${statSync(f).mtimeMs}`; } catch { return 'missing'; }
      },
      getScriptSnapshot: (f) => {
        const o = this.open.get(resolve(f));
        if (o) return ts.ScriptSnapshot.fromString(o.text);
        if (!existsSync(f)) return undefined;
        return ts.ScriptSnapshot.fromString(readFileSync(f, 'utf8'));
      },
      getCurrentDirectory: () => process.cwd(),
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => this.open.has(resolve(f)) || ts.sys.fileExists(f),
      readFile: (f) => this.open.get(resolve(f))?.text ?? ts.sys.readFile(f),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    this.service = ts.createLanguageService(host, registry);
  }

  /** The editor's text of a file (unsaved edits included). */
  update(fileName: string, text: string, version: number): void {
    this.open.set(resolve(fileName), { text, version });
  }

  close(fileName: string): void {
    this.open.delete(resolve(fileName));
  }

  /** Syntax and type errors of one open file. */
  diagnostics(fileName: string): TsDiagnostic[] {
    const f = resolve(fileName);
    if (!this.open.has(f)) return [];
    const all = [...this.service.getSyntacticDiagnostics(f), ...this.service.getSemanticDiagnostics(f)];
    return all.map((d) => ({
      severity: d.category === ts.DiagnosticCategory.Warning ? 'warning' : 'error',
      code: `TS${d.code}`,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      start: d.start ?? 0,
      length: d.length ?? 0,
    }));
  }

  dispose(): void {
    this.service.dispose();
  }
}
