/**
 * `nudge render <file> [--out file.mmd] [--markdown]`: the Mermaid canvas of
 * every sequence in a file, as text (or a fenced block that GitHub and VS
 * Code's Markdown preview draw).
 */
import { writeFileSync } from 'node:fs';
import { checkFirst } from './check-first';
import { toMermaid } from '../../dsl/mermaid';
import { requireSequenceFile } from './files';

export interface RenderOptions {
  out?: string;
  markdown?: boolean;
  check?: boolean;
  typecheck?: boolean;
  tz?: string;
}

export async function renderCommand(file: string, options: RenderOptions): Promise<number> {
  const checked = await checkFirst(requireSequenceFile(file), 'render', options);
  if (!checked.ok) return checked.exitCode;
  const { text } = toMermaid(checked.sequences);
  const output = options.markdown ? `\`\`\`mermaid\n${text.trimEnd()}\n\`\`\`\n` : text.endsWith('\n') ? text : `${text}\n`;
  if (options.out) {
    writeFileSync(options.out, output);
    process.stderr.write(`Wrote ${options.out}\n`);
  } else {
    process.stdout.write(output);
  }
  return 0;
}
