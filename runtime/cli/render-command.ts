/**
 * `nudge render <file> [--out file.mmd] [--markdown]`: the Mermaid canvas of
 * every sequence in a file, as text (or a fenced block that GitHub and VS
 * Code's Markdown preview draw).
 */
import { writeFileSync } from 'node:fs';
import { loadSequenceFile } from '../../dsl/loader/load';
import { toMermaid } from '../../dsl/mermaid';
import { requireSequenceFile } from './files';

export interface RenderOptions {
  out?: string;
  markdown?: boolean;
}

export async function renderCommand(file: string, options: RenderOptions): Promise<number> {
  const loaded = await loadSequenceFile(requireSequenceFile(file));
  const { text } = toMermaid(loaded.map((l) => l.ir));
  const output = options.markdown ? `\`\`\`mermaid\n${text.trimEnd()}\n\`\`\`\n` : text.endsWith('\n') ? text : `${text}\n`;
  if (options.out) {
    writeFileSync(options.out, output);
    process.stderr.write(`Wrote ${options.out}\n`);
  } else {
    process.stdout.write(output);
  }
  return 0;
}
