/**
 * Bundles a `.seq.ts` file with esbuild, resolving `import ... from 'nudge'`
 * to the DSL, with an inline source map so positions map back to the file.
 */
import { build, type Message, type Plugin } from 'esbuild';
import { basename, dirname, join, resolve } from 'node:path';
import { dslBundle, dslEntry } from './package-root';
import { LoadError } from './load-error';

export interface Bundle {
  code: string;
  /** The bundle's virtual file name, beside the source so the source map's relative paths resolve. */
  filename: string;
  /**
   * The files bundled in besides the entry (the author's helper modules;
   * absolute paths): an editor re-evaluates the sequence file when one of
   * them changes on disk.
   */
  inputs: string[];
}

/** `import ... from 'nudge'`: the prebuilt DSL, required at run time, else the DSL's sources, bundled. */
function nudgeResolution(): { plugins: Plugin[] } | { alias: Record<string, string> } {
  const prebuilt = dslBundle();
  if (!prebuilt) return { alias: { nudge: dslEntry() } };
  return {
    plugins: [{
      name: 'nudge-prebuilt',
      setup(b) {
        b.onResolve({ filter: /^nudge$/ }, () => ({ path: prebuilt, external: true }));
      },
    }],
  };
}

export async function bundleSequenceFile(file: string, contents?: string): Promise<Bundle> {
  const abs = resolve(file);
  const filename = join(dirname(abs), `.${basename(abs)}.nudge-bundle.js`);
  try {
    const result = await build({
      ...(contents === undefined
        ? { entryPoints: [abs] }
        : { stdin: { contents, sourcefile: abs, resolveDir: dirname(abs), loader: 'ts' } }),
      outfile: filename,
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcesContent: false,
      metafile: true,
      ...nudgeResolution(),
      logLevel: 'silent',
    });
    const out = result.outputFiles.find((f) => f.path.endsWith('.js')) ?? result.outputFiles[0];
    // esbuild names inputs relative to its working directory (process.cwd()); the stdin entry is `<stdin>`.
    const inputs = Object.keys(result.metafile?.inputs ?? {})
      .filter((k) => k !== '<stdin>' && !k.includes(':'))
      .map((k) => resolve(k))
      .filter((f) => f !== abs);
    return { code: out.text, filename, inputs };
  } catch (err) {
    const errors: Message[] = (err as { errors?: Message[] }).errors ?? [];
    const first = errors[0];
    if (!first) throw err;
    const loc = first.location;
    throw new LoadError('NUDGE_ERR_LOAD_SYNTAX', { problem: first.text }, {
      // esbuild names files relative to its working directory (process.cwd()), not to the entry.
      file: loc ? resolve(loc.file) : abs,
      line: loc?.line ?? 1,
      column: (loc ? utf16Column(loc.lineText, loc.column) : 0) + 1,
    });
  }
}

/** esbuild counts a column in UTF-8 bytes; an editor counts UTF-16 code units ("é" is 2 bytes, 1 unit). */
export function utf16Column(lineText: string, byteColumn: number): number {
  return Buffer.from(lineText, 'utf8').subarray(0, byteColumn).toString('utf8').length;
}
