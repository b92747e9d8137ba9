/**
 * Type-level tests of the DSL: compiles test/types/*.cases.ts with the
 * TypeScript compiler API and the repository's compiler options (including
 * the `nudge` path mapping). The cases file must have no diagnostics; with
 * its `@ts-expect-error` directives removed, every directive's next line
 * must fail with the error the directive describes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const CASES = readdirSync(__dirname).filter((f) => f.endsWith('.cases.ts')).map((f) => join(__dirname, f));

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath);
  return { ...parsed.options, noEmit: true };
}

/** Compiles the cases, optionally replacing some files' text, and returns the diagnostics. */
function compile(files: string[], replace = new Map<string, string>(), oldProgram?: ts.Program) {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = replace.get(resolve(name));
    return text !== undefined ? ts.createSourceFile(name, text, languageVersion, true) : getSourceFile(name, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram({ rootNames: files, options, host, oldProgram });
  return { program, diagnostics: ts.getPreEmitDiagnostics(program) };
}

const describeDiagnostic = (d: ts.Diagnostic): string => {
  const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
  const at = d.file ? `${d.file.fileName}:${(where?.line ?? 0) + 1}:${(where?.character ?? 0) + 1}` : '(global)';
  return `${at} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
};

let program: ts.Program;
let diagnostics: readonly ts.Diagnostic[];

beforeAll(() => {
  ({ program, diagnostics } = compile(CASES));
}, 60_000);

describe('DSL types', () => {
  it('finds the cases files and the nudge path mapping', () => {
    expect(CASES.length).toBeGreaterThan(0);
    expect(compilerOptions().paths).toHaveProperty('nudge');
    expect(program.getSourceFiles().some((f) => resolve(f.fileName) === join(ROOT, 'dsl', 'index.ts'))).toBe(true);
  });

  it('the cases compile with no diagnostics (every @ts-expect-error is used)', () => {
    expect(diagnostics.map(describeDiagnostic)).toEqual([]);
  });

  for (const file of CASES) {
    it(`${file.slice(ROOT.length + 1)}: each @ts-expect-error case fails for the reason it states`, () => {
      const lines = readFileSync(file, 'utf8').split('\n');
      const cases = lines.flatMap((text, i) => {
        const m = /^\s*\/\/ @ts-expect-error\b(.*)$/.exec(text);
        if (!m) return [];
        const fragment = /expect: '(.*)'\s*$/.exec(m[1])?.[1];
        return [{ directiveLine: i + 1, caseLine: i + 2, fragment, code: lines[i + 1].trim() }];
      });
      expect(cases.length).toBeGreaterThan(40);
      // Blank the directives (same line count) so each case's own error shows.
      const stripped = lines.map((t) => (/^\s*\/\/ @ts-expect-error\b/.test(t) ? '' : t)).join('\n');
      const { diagnostics: raw } = compile(CASES, new Map([[file, stripped]]), program);
      const byLine = new Map<number, string[]>();
      for (const d of raw) {
        if (!d.file || resolve(d.file.fileName) !== file || d.start === undefined) continue;
        const line = d.file.getLineAndCharacterOfPosition(d.start).line + 1;
        byLine.set(line, [...(byLine.get(line) ?? []), ts.flattenDiagnosticMessageText(d.messageText, ' ')]);
      }
      const failures: string[] = [];
      for (const c of cases) {
        const messages = byLine.get(c.caseLine) ?? [];
        if (messages.length === 0) failures.push(`line ${c.caseLine} compiles: ${c.code}`);
        else if (c.fragment && !messages.some((m) => m.includes(c.fragment!))) {
          failures.push(`line ${c.caseLine} fails for another reason (wanted "${c.fragment}"): ${messages.join(' | ')}`);
        }
      }
      expect(failures).toEqual([]);
      // And no error anywhere else: only the cases fail.
      const caseLines = new Set(cases.map((c) => c.caseLine));
      const stray = [...byLine.entries()].filter(([line]) => !caseLines.has(line)).map(([line, m]) => `line ${line}: ${m.join(' | ')}`);
      expect(stray).toEqual([]);
    }, 60_000);
  }
});
