/**
 * The text of docs/errors.md, made from the error table (npm run
 * docs:errors writes it; a test checks the file is what this makes now).
 */
import { errorTable, type ErrorCode } from './error-table';

const SECTIONS: { title: string; from: ErrorCode; to: ErrorCode }[] = [
  { title: 'HTTP API', from: 'NUDGE_ERR_VALIDATION', to: 'NUDGE_ERR_INTERNAL' },
  { title: 'Loading a sequence file', from: 'NUDGE_ERR_LOAD_SYNTAX', to: 'NUDGE_ERR_LOAD_CRASH' },
  { title: 'Command line and its files', from: 'NUDGE_ERR_USAGE', to: 'NUDGE_ERR_DELIVERY' },
  { title: 'VS Code extension', from: 'NUDGE_ERR_DRY_RUN_INPUT', to: 'NUDGE_ERR_TOKEN' },
];

function codeSection(code: ErrorCode): string {
  const e = errorTable[code] as { message: string; status: number; exitCode: number; anchor: string; fix?: string };
  return [
    `### ${code}`,
    '',
    `<a id="${e.anchor}"></a>`,
    '',
    `- HTTP status: ${e.status}`,
    `- CLI exit code: ${e.exitCode}`,
    `- Message: \`\` ${e.message} \`\``,
    `- Fix: ${e.fix ?? 'the message says how.'}`,
    '',
  ].join('\n');
}

export function renderErrorsDoc(): string {
  const codes = Object.keys(errorTable) as ErrorCode[];
  const parts = [
    '# Errors',
    '',
    '<!-- Generated from errors/error-table.ts by `npm run docs:errors`: edit the table, not this file. -->',
    '',
    'Every failure Nudge reports has one code, rendered the same everywhere: the CLI and the',
    'VS Code extension show `error CODE: message` (`file:line:col error CODE message` when it has a place in a file)',
    'and exit with the code below; the HTTP API answers the status below with',
    '`{ "code": "NUDGE_ERR_…", "message": "…" }`. `{name}` in a message is filled in where it happens.',
    '',
    'Problems in a sequence itself (NUDGE001 and on) are author diagnostics with their own rules:',
    'see [diagnostics.md](diagnostics.md).',
    '',
  ];
  for (const s of SECTIONS) {
    parts.push(`## ${s.title}`, '');
    for (const code of codes.slice(codes.indexOf(s.from), codes.indexOf(s.to) + 1)) parts.push(codeSection(code));
  }
  return `${parts.join('\n').trimEnd()}\n`;
}
