import { describe, expect, it } from 'vitest';
import { formatLogLine, parseLogLine, PollNoiseFilter } from '../../../extension/runtime-control/log-lines';

const T = Date.UTC(2026, 11, 3, 14, 5, 3, 120);

describe('parseLogLine / formatLogLine', () => {
  it('shows pino JSON as time, level, message and the fields that matter', () => {
    const raw = JSON.stringify({ level: 30, time: T, pid: 1, hostname: 'vm', file: '/ws/a.seq.ts', version: 2, msg: 'published a: version 2' });
    const line = parseLogLine(raw);
    expect(line).toMatchObject({ level: 'INFO', time: T, msg: 'published a: version 2', fields: { file: '/ws/a.seq.ts', version: 2 } });
    expect(formatLogLine(line, 'UTC')).toBe('14:05:03.120 INFO  published a: version 2  (file=/ws/a.seq.ts, version=2)');
  });

  it('shows errors by type and message, requests by method, URL and status, and cuts long fields', () => {
    expect(formatLogLine(parseLogLine(JSON.stringify({ level: 50, time: T, err: { type: 'Error', message: 'boom', stack: 'x' }, msg: 'delivery error' })), 'UTC'))
      .toBe('14:05:03.120 ERROR delivery error  (err=Error: boom)');
    expect(formatLogLine(parseLogLine(JSON.stringify({ level: 30, time: T, reqId: 'req-1', req: { method: 'POST', url: '/forms/x' }, msg: 'incoming request' })), 'UTC'))
      .toBe('14:05:03.120 INFO  incoming request  (req=POST /forms/x)');
    const long = formatLogLine(parseLogLine(JSON.stringify({ level: 40, time: T, msg: 'm', list: 'x'.repeat(500) })), 'UTC');
    expect(long.length).toBeLessThan(260);
  });

  it('passes text that is not JSON through (a crash stack on stderr)', () => {
    const line = parseLogLine('Error: listen EADDRINUSE: address already in use 127.0.0.1:4400');
    expect(line.level).toBe('TEXT');
    expect(formatLogLine(line)).toBe('Error: listen EADDRINUSE: address already in use 127.0.0.1:4400');
    expect(parseLogLine('{ not json').level).toBe('TEXT');
  });
});

describe('PollNoiseFilter', () => {
  const req = (id: string, method: string, url: string) => parseLogLine(JSON.stringify({ level: 30, reqId: id, req: { method, url }, msg: 'incoming request' }));
  const done = (id: string, statusCode: number) => parseLogLine(JSON.stringify({ level: 30, reqId: id, res: { statusCode }, msg: 'request completed' }));

  it("drops the extension's own polling requests and their completions, keeps the rest", () => {
    const f = new PollNoiseFilter();
    expect(f.keep(req('r1', 'GET', '/sequences'))).toBe(false);
    expect(f.keep(done('r1', 200))).toBe(false);
    expect(f.keep(req('r2', 'POST', '/forms/a'))).toBe(true);
    expect(f.keep(done('r2', 200))).toBe(true);
    expect(f.keep(parseLogLine(JSON.stringify({ level: 30, msg: 'published a' })))).toBe(true);
  });

  it('keeps a polled request that failed on the server', () => {
    const f = new PollNoiseFilter();
    f.keep(req('r3', 'GET', '/clock'));
    expect(f.keep(done('r3', 500))).toBe(true);
  });
});
