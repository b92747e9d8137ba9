// `nudge serve` with real SMTP refuses to start without an https publicUrl:
// one line from the error table, exit code 2.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nudge } from '../../cli/run-nudge';

function serveWith(config: Record<string, unknown>) {
  const cwd = mkdtempSync(join(tmpdir(), 'nudge-public-url-'));
  mkdirSync(join(cwd, 'seq'));
  writeFileSync(join(cwd, 'nudge.config.json'), JSON.stringify({ token: 'public-url-test-token-0123456789', smtp: { host: '127.0.0.1', port: 2525 }, ...config }));
  return nudge(['serve', '--dir', 'seq', '--port', '0'], { cwd });
}

describe('publicUrl at start-up', () => {
  it.each([
    [{}, 'has no "publicUrl"'],
    [{ publicUrl: 'http://nudge.acme.test' }, 'is not https'],
  ])('with SMTP and %j: one line, exit 2', (config, words) => {
    const r = serveWith(config);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error NUDGE_ERR_PUBLIC_URL: /);
    expect(lines[0]).toContain(words);
  }, 30_000);
});
