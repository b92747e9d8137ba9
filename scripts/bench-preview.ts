/**
 * `npm run bench:preview`: what the editor waits for after a keystroke,
 * measured outside VS Code with the extension's own code paths:
 *   - new text → new Mermaid text (bundle, evaluate in the loader's child,
 *     validate, draw): extension/analysis/analyze-text.ts;
 *   - new text → TypeScript diagnostics from the warm language service, in
 *     its worker thread, after one edit (incremental).
 * For each sample and for a generated 200-step sequence. Prints medians and
 * p90 over several edits; targets: <150 ms to Mermaid, <300 ms to diagnostics
 * for the 200-step file.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeText } from '../extension/analysis/analyze-text';
import { TypeCheckerClient } from '../extension/language/type-checker-client';
import { longSequenceSource } from './long-sequence';

const ROUNDS = 12;
const root = resolve(__dirname, '..');

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/**
 * The text after the author's n-th edit: a new exported sequence with one
 * tag step, so every edit changes the canvas (works on any sample's shape).
 */
function edited(text: string, n: number): string {
  return `${text}\nimport { sequence as benchSequence, start as benchStart } from 'nudge';\n`
    + `export const benchEdit${n} = benchSequence('bench-edit-${n}', { name: 'Edit ${n}', paths: [benchStart().applyTag('Bench-${n}')] });\n`;
}

async function measure(name: string, file: string, text: string, checker: TypeCheckerClient): Promise<string> {
  await analyzeText(file, text); // warm the esbuild and child paths
  await checker.check(file, text, 0); // first check builds the program
  const toMermaid: number[] = [];
  const toDiagnostics: number[] = [];
  for (let n = 1; n <= ROUNDS; n++) {
    const next = edited(text, n);
    let t = performance.now();
    const a = await analyzeText(file, next);
    toMermaid.push(performance.now() - t);
    if (!a.diagram) throw new Error(`${name}: ${a.problem?.message}`);
    t = performance.now();
    await checker.check(file, next, n);
    toDiagnostics.push(performance.now() - t);
  }
  const f = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
  return `${name.padEnd(28)} mermaid p50 ${f(quantile(toMermaid, 0.5))} p90 ${f(quantile(toMermaid, 0.9))}   diagnostics p50 ${f(quantile(toDiagnostics, 0.5))} p90 ${f(quantile(toDiagnostics, 0.9))}`;
}

async function main(): Promise<void> {
  const checker = new TypeCheckerClient(join(root, 'dist', 'type-check-worker.js'));
  const lines: string[] = [];
  const samples = join(root, 'samples');
  for (const f of readdirSync(samples).filter((n) => n.endsWith('.seq.ts')).sort()) {
    const file = join(samples, f);
    lines.push(await measure(f, file, readFileSync(file, 'utf8'), checker));
    console.log(lines[lines.length - 1]);
  }
  const dir = mkdtempSync(join(tmpdir(), 'nudge-bench-preview-'));
  const long = join(dir, 'long-200.seq.ts');
  const text = longSequenceSource(200);
  writeFileSync(long, text);
  console.log(await measure('generated 200 steps', long, text, checker));
  checker.dispose();
  console.log(`(${ROUNDS} edits each; machine: ${require('node:os').cpus().length} cores)`);
}

main().catch((err) => { console.error(err); process.exit(1); });
