/**
 * The sequences `nudge serve` starts with: every `.seq.ts` in the folder,
 * loaded and checked like `nudge check` (without TypeScript's type check,
 * which takes seconds and finds nothing the runtime depends on). A file
 * with an error is not published, and says why in the log; the others
 * are. A sequence id already taken by an earlier file is refused too,
 * since two definitions cannot both run.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SequenceIR } from '../../dsl/ir';
import { loadSequenceFile } from '../../dsl/loader/load';
import { LoadError } from '../../dsl/loader/load-error';
import { formatDiagnostic, hasErrors, validateSequences } from '../../dsl/validate';

export interface LoadedFolder {
  sequences: Array<{ file: string; ir: SequenceIR }>;
  /** One line per problem: `file:line:col severity code message`. */
  problems: Array<{ file: string; published: boolean; lines: string[] }>;
}

export async function loadSequenceFolder(dir: string, accountZone?: string): Promise<LoadedFolder> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.seq.ts')).sort().map((f) => resolve(join(dir, f)));
  const out: LoadedFolder = { sequences: [], problems: [] };
  const taken = new Map<string, string>();
  for (const file of files) {
    try {
      const irs = (await loadSequenceFile(file)).map((l) => l.ir);
      const diagnostics = validateSequences(irs, { accountZone });
      const clash = irs.filter((ir) => taken.has(ir.id));
      const lines = [
        ...diagnostics.map((d) => formatDiagnostic(d, process.cwd())),
        ...clash.map((ir) => `${file} error sequence id "${ir.id}" is already defined in ${taken.get(ir.id)}; rename one of them.`),
      ];
      const publish = !hasErrors(diagnostics) && clash.length === 0;
      if (lines.length > 0) out.problems.push({ file, published: publish, lines });
      if (!publish) continue;
      for (const ir of irs) {
        taken.set(ir.id, file);
        out.sequences.push({ file, ir });
      }
    } catch (err) {
      if (!(err instanceof LoadError)) throw err;
      out.problems.push({ file, published: false, lines: [`${err.source.file}:${err.source.line}:${err.source.column} error ${err.code} ${err.message}`] });
    }
  }
  return out;
}
