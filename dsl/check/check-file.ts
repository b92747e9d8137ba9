/**
 * One sequence file, loaded and checked the way `nudge check` does: a file
 * that does not load, or has an error diagnostic, yields no sequences to
 * publish, only the diagnostics to show.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SequenceIR, SourcePos } from '../ir';
import { accountFor, type AccountConfig } from './account-config';
import { loadSequenceFile } from '../loader/load';
import { LoadError } from '../loader/load-error';
import { typecheckFiles } from '../typecheck';
import { validateSequences } from '../validate';

export interface FileDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  source?: SourcePos;
  sequenceId?: string;
  stepId?: string;
}

export interface CheckedFile {
  file: string;
  ok: boolean;
  diagnostics: FileDiagnostic[];
  /** Empty when not ok. */
  sequences: SequenceIR[];
  /** Every sequence the file exported, ok or not (what `nudge check` counts). */
  loaded: SequenceIR[];
}

export interface CheckFileOptions {
  accountZone?: string;
  /**
   * The business (NUDGE031); default: the nearest nudge.config.json's
   * `account` (see account-config.ts); `false`: not judged (the caller's
   * config has none and sends nothing real).
   */
  account?: AccountConfig | false;
  /** "Now" for the date-passed rule. */
  now?: number;
  /** Also run TypeScript's type check (slower: a compiler program per file). */
  typecheck?: boolean;
  loadTimeoutMs?: number;
}

/** The folder's sequence files, sorted: `name.seq.ts`, not hidden or editor temp files. */
export function sequenceFilesIn(dir: string): string[] {
  return readdirSync(dir).filter(isSequenceFileName).sort().map((f) => resolve(join(dir, f)));
}

/**
 * Editors save through temp files (`.#x`, `x~`, `.x.swp`, `x.seq.ts.tmp`) and
 * the loader writes nothing but names its bundle `.x.seq.ts.nudge-bundle.js`:
 * only a visible `*.seq.ts` is a sequence file.
 */
export function isSequenceFileName(name: string): boolean {
  return /^[^.#~][^/\\]*\.seq\.ts$/.test(name);
}

export async function checkFile(file: string, options: CheckFileOptions = {}): Promise<CheckedFile> {
  const diagnostics: FileDiagnostic[] = [];
  let sequences: SequenceIR[] = [];
  try {
    sequences = (await loadSequenceFile(file, { timeoutMs: options.loadTimeoutMs })).map((l) => l.ir);
    diagnostics.push(...validateSequences(sequences, {
      accountZone: options.accountZone, account: options.account === false ? undefined : options.account ?? accountFor(file), now: options.now === undefined ? undefined : new Date(options.now),
    }));
  } catch (err) {
    if (!(err instanceof LoadError)) throw err;
    diagnostics.push({ severity: 'error', code: err.code, message: err.message, source: err.source });
  }
  if (options.typecheck) diagnostics.push(...typecheckFiles([file]));
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { file, ok, diagnostics, sequences: ok ? sequences : [], loaded: sequences };
}
