/**
 * One analysis of a sequence file's text, with no editor involved (so the
 * preview benchmark and the unit tests run it as the extension does):
 * evaluate the text in the loader's child process, check it with Nudge's
 * rules, draw its canvas.
 */
import type { SequenceIR } from '../../dsl/ir';
import { loadSequenceFileWithInputs } from '../../dsl/loader/load';
import { LoadError } from '../../dsl/loader/load-error';
import { toMermaid } from '../../dsl/mermaid/to-mermaid';
import { validateSequences } from '../../dsl/validate';
import type { FileDiagnostic } from '../../dsl/check/check-file';
import type { SequenceAnalysis } from './analysis';
import { describeElsewhere, importPosition } from './import-position';

export interface AnalyzeOptions {
  timeoutMs?: number;
  accountZone?: string;
  /** "Now" for the date-passed rule; default: the current time. */
  now?: number;
  /** Cancels the evaluation (its child process is killed): the promise rejects with the loader's LoadCancelled. */
  signal?: AbortSignal;
}

export type TextAnalysis = Omit<SequenceAnalysis, 'uri' | 'version'>;

export async function analyzeText(fileName: string, text: string, options: AnalyzeOptions = {}): Promise<TextAnalysis> {
  const started = performance.now();
  let sequences: SequenceIR[] = [];
  let inputs: string[];
  try {
    const loaded = await loadSequenceFileWithInputs(fileName, { contents: text, timeoutMs: options.timeoutMs, signal: options.signal });
    sequences = loaded.sequences.map((l) => l.ir);
    inputs = loaded.inputs;
  } catch (err) {
    if (!(err instanceof LoadError)) throw err;
    const problem = { message: err.message, code: err.code, source: err.source };
    const diagnostics: FileDiagnostic[] = [loadDiagnostic(fileName, text, err)];
    // A syntax error in a helper stops bundling before the inputs are known: name at least that helper.
    const known = err.inputs ?? (err.source.file !== fileName ? [err.source.file] : undefined);
    return { fileName, sequences: [], diagram: null, problem, diagnostics, inputs: known, ms: performance.now() - started };
  }
  const diagnostics: FileDiagnostic[] = validateSequences(sequences, {
    accountZone: options.accountZone || undefined,
    now: options.now === undefined ? undefined : new Date(options.now),
  });
  const diagram = toMermaid(sequences);
  return { fileName, sequences, diagram, problem: null, diagnostics, inputs, ms: performance.now() - started };
}

/** The load problem as a diagnostic of the sequence file, moved onto the import when it lies in a helper module. */
function loadDiagnostic(fileName: string, text: string, err: LoadError): FileDiagnostic {
  if (err.source.file === fileName) return { severity: 'error', code: err.code, message: err.message, source: err.source };
  return {
    severity: 'error',
    code: err.code,
    message: `in ${describeElsewhere(fileName, err.source)}: ${err.message}`,
    source: importPosition(text, fileName, err.source.file),
  };
}
