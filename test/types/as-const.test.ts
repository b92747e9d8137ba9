/**
 * Options shared `as const` (readonly tuples and lists) compile, and a real
 * mistake in them still gives an error short enough to read.
 */
import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const FILE = join(ROOT, 'test/types/as-const.virtual.ts');

function diagnose(source: string): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['lib.es2022.d.ts'],
    baseUrl: ROOT, paths: { nudge: ['./dsl/index.ts'] },
  };
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError, create) =>
    resolve(name) === FILE ? ts.createSourceFile(name, source, version, true) : read(name, version, onError, create);
  const program = ts.createProgram({ rootNames: [FILE], options, host });
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.file && resolve(d.file.fileName) === FILE)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

describe('options shared as const', () => {
  it('compile: a readonly window, day list, address list and goal list', () => {
    expect(diagnose([
      "import { sequence, start, tagApplied } from 'nudge';",
      "const hours = { between: ['09:00', '17:00'] } as const;",
      "const days = { on: ['mon', 'fri'], at: '08:00' } as const;",
      "const staff = { to: ['a@acme.test', 'b@acme.test'], subject: 's', body: 'b' } as const;",
      "export default sequence('x', { name: 'x', startOn: [tagApplied('A')] as const,",
      "  paths: [start().delay('0m', hours).delay('1d', days).email(staff)] });",
    ].join('\n'))).toEqual([]);
  }, 60_000);

  it('a real mistake in a shared window is one short error that names the bad value', () => {
    const errors = diagnose([
      "import { start } from 'nudge';",
      "const hours = { between: ['09:00', '5pm'] } as const;",
      "start().delay('0m', hours);",
    ].join('\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"5pm"');
    expect(errors[0].length).toBeLessThan(600);
  }, 60_000);
});
