// Every code of the error table, as the CLI, the API and docs/errors.md show it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorTable } from '../../errors/error-table';
import { renderErrorsDoc } from '../../errors/errors-doc';
import { nudgeError } from '../../errors/nudge-error';
import { renderApi, renderCli, renderExtension } from '../../errors/render';
import { ALL_CODES, sampleError, templatePattern } from './sample-errors';

const DOC = readFileSync(resolve(__dirname, '../../docs/errors.md'), 'utf8');

describe('the error table', () => {
  it('has NUDGE_ERR_ codes only, each with its own anchor', () => {
    for (const code of ALL_CODES) expect(code).toMatch(/^NUDGE_ERR_[A-Z_]+$/);
    const anchors = ALL_CODES.map((c) => errorTable[c].anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('types the params of a code by its placeholders (npx tsc checks the expectations)', () => {
    // @ts-expect-error NUDGE_ERR_UNKNOWN_CONTACT needs its { id }
    expect(nudgeError('NUDGE_ERR_UNKNOWN_CONTACT', {}).message).toContain('{id}');
    // @ts-expect-error NUDGE_ERR_CONTACT_EXISTS has no {name}
    expect(nudgeError('NUDGE_ERR_CONTACT_EXISTS', { id: 'c1', name: 'zzz' }).message).not.toContain('zzz');
    // Braces with a space are literal text, not a placeholder.
    expect(nudgeError('NUDGE_ERR_LOAD_NO_EXPORT', {}).message).toContain('{ name: ..., paths: [...] }');
  });

  it('fills the placeholders of a message', () => {
    expect(nudgeError('NUDGE_ERR_CONTACT_EXISTS', { id: 'c1' }).message).toBe('A contact with id "c1" exists already: update it with PATCH /contacts/c1.');
  });
});

describe.each(ALL_CODES)('%s', (code) => {
  const entry = errorTable[code];

  it('renders in the CLI as one line with its exit code, the same line the extension shows', () => {
    const err = sampleError(code);
    const { line, exitCode } = renderCli(err);
    expect(line).toBe(`error ${code}: ${err.message}`);
    expect(line).not.toMatch(/[\r\n]/);
    expect(exitCode).toBe(entry.exitCode);
    expect(renderExtension(err)).toBe(line);
  });

  it('renders in the API as its status and { code, message }', () => {
    const { status, body } = renderApi(sampleError(code));
    expect(status).toBe(entry.status);
    expect(body).toEqual({ code, message: expect.stringMatching(templatePattern(code)) });
  });

  it('has its section in docs/errors.md, with its anchor, status, exit code, message and fix', () => {
    const start = DOC.indexOf(`### ${code}\n`);
    expect(start).toBeGreaterThan(-1);
    const end = DOC.indexOf('\n### ', start + 1);
    const section = DOC.slice(start, end < 0 ? undefined : end);
    expect(section).toContain(`<a id="${entry.anchor}"></a>`);
    expect(section).toContain(`- HTTP status: ${entry.status}\n`);
    expect(section).toContain(`- CLI exit code: ${entry.exitCode}\n`);
    expect(section).toContain(`- Message: \`\` ${entry.message} \`\``);
    expect(section).toContain(`- Fix: ${(entry as { fix?: string }).fix ?? 'the message says how.'}`);
  });
});

describe('docs/errors.md', () => {
  it('is what `npm run docs:errors` makes from the table now', () => {
    expect(DOC).toBe(renderErrorsDoc());
  });

  it('links to the author diagnostics', () => {
    expect(DOC).toContain('(diagnostics.md)');
  });
});

describe('a failure with a place in a file', () => {
  it('renders in the diagnostic format, path as the caller shows it', () => {
    const err = nudgeError('NUDGE_ERR_LOAD_TIMEOUT', { ms: 2000 }, { source: { file: '/w/a.seq.ts', line: 1, column: 1 } });
    expect(renderCli(err, (f) => f.replace('/w/', '')).line).toBe(`a.seq.ts:1:1 error NUDGE_ERR_LOAD_TIMEOUT ${err.message}`);
  });
});
