/**
 * `simulate` and `render` check the file the way `nudge check` does before
 * they run: a typo'd option or an unknown merge field would otherwise give a
 * plausible but wrong dry run or canvas. Errors stop the command (exit 1),
 * printed to stderr in `check`'s format so a `--json` stdout stays clean;
 * warnings do not stop it and are left to `nudge check` (a dry run's stderr
 * is for the run's own notices). TypeScript's type check is
 * opt-in here (`--typecheck`): it triples the command's CPU time, and the
 * DSL refuses at run time nearly everything the types refuse.
 */
import type { SequenceIR } from '../../dsl/ir';
import { loadSequenceFile } from '../../dsl/loader/load';
import { formatCheckDiagnostic, runCheck } from './check-command';

export interface CheckFirstOptions {
  /** False with `--no-check`: load the file and run, whatever the rules say. */
  check?: boolean;
  typecheck?: boolean;
  tz?: string;
  /** "Now" for the date-passed rule: a dry run judges dates from its own start. */
  now?: number;
}

export type CheckedSequences = { ok: true; sequences: SequenceIR[] } | { ok: false; exitCode: number };

export async function checkFirst(file: string, command: string, options: CheckFirstOptions): Promise<CheckedSequences> {
  if (options.check === false) return { ok: true, sequences: (await loadSequenceFile(file)).map((l) => l.ir) };
  const { diagnostics, sequences } = await runCheck([file], { tz: options.tz, typecheck: options.typecheck === true, now: options.now });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const d of errors) process.stderr.write(`${formatCheckDiagnostic(d)}\n`);
    // A file that does not load cannot run even with --no-check: its own line says it all.
    // Only a rule's finding (NUDGE001…) can be run past.
    if (errors.some((d) => /^NUDGE\d+$/.test(d.code))) {
      process.stderr.write(`${command}: ${errors.length} error(s); fix them (\`nudge check\` lists warnings too) or pass --no-check to ${command} anyway.\n`);
    }
    return { ok: false, exitCode: 1 };
  }
  return { ok: true, sequences: sequences.map((s) => s.ir) };
}
