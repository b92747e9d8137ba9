// @vitest-environment node
/**
 * The TypeScript server plugin that resolves `import ... from 'nudge'` for
 * VS Code's own TypeScript: against a language service of the TypeScript
 * API (5.9.3) whose host resolves modules the way the server's project does,
 * then loaded by a real tsserver as VS Code loads it (--globalPlugins and
 * --pluginProbeLocations naming the extension's folder).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { dslEntry } from '../../../dsl/loader/package-root';
import { init, resolveNudgeToDsl, withoutSequenceFileDiagnostics } from '../../../extension/ts-plugin/nudge-ts-plugin';

const ROOT = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const SAMPLE = readFileSync(join(ROOT, 'samples/birthday.seq.ts'), 'utf8');
/** The DSL's types reject a weekly field timer: a real type error, reported with or without the plugin's help. */
const BROKEN = SAMPLE.replace("repeat: 'yearly' })", "repeat: 'weekly' })");
// A workspace without the nudge package (no node_modules up the tree of the temporary folder).
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'nudge-ts-plugin-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A language service whose host resolves modules itself, as tsserver's project does (the hook the plugin wraps). */
function languageService(files: Record<string, string>, options: ts.CompilerOptions) {
  const texts = new Map(Object.entries(files));
  const cache = ts.createModuleResolutionCache(tmp, (f) => f, options);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...texts.keys()],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => {
      const text = texts.get(f) ?? ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => tmp,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => texts.has(f) || ts.sys.fileExists(f),
    readFile: (f) => texts.get(f) ?? ts.sys.readFile(f),
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    resolveModuleNameLiterals: (literals, containingFile, redirectedReference, compilerOptions, containingSourceFile) =>
      literals.map((literal) => ts.resolveModuleName(
        literal.text, containingFile, compilerOptions, host, cache, redirectedReference,
        ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions),
      )),
  };
  return { host, service: () => ts.createLanguageService(host) };
}

const diagnostics = (service: ts.LanguageService, file: string) =>
  [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map((d) => ({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') }));

const OPTIONS: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, noEmit: true, types: [] };

describe('the nudge TypeScript server plugin: resolution', () => {
  const file = join(tmp, 'birthday.seq.ts');

  it("without it, TypeScript cannot find 'nudge' in a workspace that lacks the package (ts 2307)", () => {
    const { service } = languageService({ [file]: SAMPLE }, OPTIONS);
    expect(diagnostics(service(), file).map((d) => d.code)).toContain(2307);
  });

  it("with it, 'nudge' is the DSL shipped with the extension: no 2307, and the DSL's types still catch a real error", () => {
    const { host, service } = languageService({ [file]: SAMPLE }, OPTIONS);
    expect(resolveNudgeToDsl(ts, host)).toBe(true);
    const ls = service();
    expect(diagnostics(ls, file)).toEqual([]);
    const def = ls.getDefinitionAtPosition(file, SAMPLE.indexOf('sequence,'));
    expect(def?.[0]?.fileName.startsWith(join(ROOT, 'dsl/'))).toBe(true); // go to definition: the DSL's sources
    expect(ls.getProgram()!.isSourceFileFromExternalLibrary(ls.getProgram()!.getSourceFile(dslEntry())!)).toBe(true); // a library, not the author's code

    const { host: brokenHost, service: brokenService } = languageService({ [file]: BROKEN }, OPTIONS);
    resolveNudgeToDsl(ts, brokenHost);
    const found = diagnostics(brokenService(), file);
    expect(found.map((d) => d.code)).not.toContain(2307);
    expect(found.some((d) => /weekly/.test(d.message))).toBe(true);
  });

  it("leaves a 'nudge' that resolves otherwise (an installed package) to that package", () => {
    const ws = join(tmp, 'installed');
    mkdirSync(join(ws, 'node_modules/nudge'), { recursive: true });
    writeFileSync(join(ws, 'node_modules/nudge/package.json'), JSON.stringify({ name: 'nudge', version: '9.9.9', types: 'index.d.ts' }));
    writeFileSync(join(ws, 'node_modules/nudge/index.d.ts'), 'export declare const sequence: 42;\n');
    const own = join(ws, 'own.seq.ts');
    const text = "import { sequence } from 'nudge';\nexport const n: 42 = sequence;\nexport const s: string = sequence;\n";
    const { host, service } = languageService({ [own]: text }, OPTIONS);
    resolveNudgeToDsl(ts, host);
    const found = diagnostics(service(), own);
    expect(found.map((d) => d.code)).toEqual([2322]); // only `string = 42`: the installed package's types
  });

  it("drops the service's own diagnostics for sequence files only (Nudge's checker reports them)", () => {
    const helper = join(tmp, 'helper.ts');
    const { host, service } = languageService({ [file]: BROKEN, [helper]: BROKEN }, OPTIONS);
    resolveNudgeToDsl(ts, host);
    const ls = withoutSequenceFileDiagnostics(service());
    expect(diagnostics(ls, file)).toEqual([]);
    expect(diagnostics(ls, helper).some((d) => /weekly/.test(d.message))).toBe(true);
    expect(ls.getQuickInfoAtPosition(file, BROKEN.indexOf('sequence,'))?.kind).toBe('alias'); // hovers still typed
  });

  it('also wraps the older resolveModuleNames hook, and is a factory as the server expects', () => {
    const host = { resolveModuleNames: () => [undefined, { resolvedFileName: '/x.ts', extension: '.ts' }] } as unknown as ts.LanguageServiceHost;
    expect(resolveNudgeToDsl(ts, host, '/ext/dsl/index.ts')).toBe(true);
    const out = host.resolveModuleNames!(['nudge', 'other'], '/w/a.ts', undefined, undefined, {});
    expect(out[0]).toMatchObject({ resolvedFileName: '/ext/dsl/index.ts', isExternalLibraryImport: true });
    expect(out[1]).toMatchObject({ resolvedFileName: '/x.ts' });
    expect(resolveNudgeToDsl(ts, {} as ts.LanguageServiceHost)).toBe(false);
    expect(typeof init({ typescript: ts }).create).toBe('function');
  });
});

describe('the built plugin in a real tsserver, loaded the way VS Code loads it', () => {
  it('is contributed by the manifest under the name of the package the build writes', () => {
    expect(manifest.contributes.typescriptServerPlugins).toEqual([{ name: 'nudge-ts-plugin', enableForWorkspaceTypeScriptVersions: true }]);
    const built = JSON.parse(readFileSync(join(ROOT, 'node_modules/nudge-ts-plugin/package.json'), 'utf8'));
    expect(built.name).toBe('nudge-ts-plugin');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(typeof require(join(ROOT, 'node_modules/nudge-ts-plugin'))).toBe('function');
  });

  /** Opens `file` in a tsserver and returns its semantic diagnostics' codes and messages. */
  async function tsserverDiagnostics(file: string, text: string, pluginArgs: string[]) {
    const server = spawn(process.execPath, [join(ROOT, 'node_modules/typescript/lib/tsserver.js'), '--disableAutomaticTypingAcquisition', '--useInferredProjectPerProjectRoot', ...pluginArgs], { stdio: ['pipe', 'pipe', 'ignore'] });
    try {
      let buffer = '';
      const replies = new Map<number, (body: unknown) => void>();
      server.stdout.setEncoding('utf8');
      server.stdout.on('data', (chunk: string) => {
        buffer += chunk;
        for (let m; (m = /Content-Length: (\d+)\r\n\r\n/.exec(buffer)) && buffer.length >= m.index + m[0].length + Number(m[1]);) {
          const json = buffer.slice(m.index + m[0].length, m.index + m[0].length + Number(m[1]));
          buffer = buffer.slice(m.index + m[0].length + Number(m[1]));
          const msg = JSON.parse(json);
          if (msg.type === 'response') replies.get(msg.request_seq)?.(msg.body);
        }
      });
      let seq = 0;
      const request = (command: string, args: unknown) => new Promise<unknown>((done) => {
        const id = ++seq;
        replies.set(id, done);
        server.stdin.write(`${JSON.stringify({ seq: id, type: 'request', command, arguments: args })}\n`);
      });
      server.stdin.write(`${JSON.stringify({ seq: 0, type: 'request', command: 'open', arguments: { file, fileContent: text, scriptKindName: 'TS', projectRootPath: tmp } })}\n`);
      const body = (await request('semanticDiagnosticsSync', { file })) as Array<{ code: number; text: string }>;
      return body.map((d) => ({ code: d.code, message: d.text }));
    } finally {
      server.kill();
    }
  }

  const plugin = ['--globalPlugins', 'nudge-ts-plugin', '--pluginProbeLocations', ROOT];

  it("tsserver without the plugin reports 2307; with it, none, and still the real type error", async () => {
    // A helper module beside the sequences (not a .seq.ts): the server's diagnostics are shown for it.
    const file = join(tmp, 'server-helper.ts');
    writeFileSync(file, SAMPLE);
    expect((await tsserverDiagnostics(file, SAMPLE, [])).map((d) => d.code)).toContain(2307);
    expect(await tsserverDiagnostics(file, SAMPLE, plugin)).toEqual([]);
    const broken = await tsserverDiagnostics(file, BROKEN, plugin);
    expect(broken.map((d) => d.code)).not.toContain(2307);
    expect(broken.some((d) => /weekly/.test(d.message))).toBe(true);
  }, 60_000);

  it("leaves a sequence file's type errors to Nudge's checker: the server reports none for a .seq.ts", async () => {
    const file = join(tmp, 'server.seq.ts');
    writeFileSync(file, BROKEN);
    expect((await tsserverDiagnostics(file, BROKEN, [])).length).toBeGreaterThan(0);
    expect(await tsserverDiagnostics(file, BROKEN, plugin)).toEqual([]);
  }, 60_000);
});
