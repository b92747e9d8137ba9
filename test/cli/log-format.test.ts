/**
 * `nudge serve` log lines: pino-pretty on a terminal, JSON otherwise;
 * `--log-format` wins over NUDGE_LOG_FORMAT, which wins over the terminal check.
 */
import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { chooseLogFormat, prettyLogStream } from '../../runtime/cli/log-format';

describe('chooseLogFormat', () => {
  it('is pretty on a terminal and JSON on a pipe or a file', () => {
    expect(chooseLogFormat({ isTTY: true })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: false })).toBe('json');
  });

  it('lets the environment force either, and the flag win over the environment', () => {
    expect(chooseLogFormat({ isTTY: true, env: 'json' })).toBe('json');
    expect(chooseLogFormat({ isTTY: false, env: 'pretty' })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: true, env: 'pretty', flag: 'json' })).toBe('json');
    expect(chooseLogFormat({ isTTY: false, env: 'json', flag: 'pretty' })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: false, env: '' })).toBe('json');
  });

  it('refuses an unknown format in one line that names the choices', () => {
    expect(() => chooseLogFormat({ isTTY: true, flag: 'yaml' })).toThrow(/--log-format must be pretty or json, not "yaml"/);
    expect(() => chooseLogFormat({ isTTY: true, env: 'PRETTY!' })).toThrow(/NUDGE_LOG_FORMAT must be pretty or json, not "PRETTY!"/);
  });
});

describe('prettyLogStream', () => {
  it('turns a pino JSON line into a readable line', async () => {
    const out = new PassThrough();
    const line = once(out, 'data');
    const stream = prettyLogStream({ destination: out, colorize: false });
    stream.write(`${JSON.stringify({ level: 30, time: Date.UTC(2026, 11, 4, 23, 0, 0), pid: 1, hostname: 'h', msg: 'nudge serving at http://127.0.0.1:4400', url: 'http://127.0.0.1:4400' })}\n`);
    const text = String((await line)[0]);
    expect(text).toMatch(/INFO.*nudge serving at http:\/\/127\.0\.0\.1:4400/);
    expect(text).not.toMatch(/"level"/);
    expect(text).not.toMatch(/hostname/);
  });
});
