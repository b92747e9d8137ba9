import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readServerToken } from '../../../extension/runtime-control/server-token';

const dirs: string[] = [];
function ws(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'nudge-token-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), text);
  }
  return d;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const FILE_TOKEN = 'file-token-0123456789abcdef';
const CONFIG_TOKEN = 'config-token-0123456789abcdef';

describe('readServerToken: the order nudge serve uses', () => {
  it('config, else NUDGE_TOKEN, else .nudge/token', () => {
    const all = ws({ '.nudge/token': `${FILE_TOKEN}\n`, 'nudge.config.json': JSON.stringify({ token: CONFIG_TOKEN }) });
    expect(readServerToken({ cwd: all, env: { NUDGE_TOKEN: 'env-token-0123456789abcdef' } })).toBe(CONFIG_TOKEN);
    const noConfig = ws({ '.nudge/token': `${FILE_TOKEN}\n` });
    expect(readServerToken({ cwd: noConfig, env: { NUDGE_TOKEN: 'env-token-0123456789abcdef' } })).toBe('env-token-0123456789abcdef');
    expect(readServerToken({ cwd: noConfig, env: {} })).toBe(FILE_TOKEN);
  });

  it("follows the server's own word (tokenFrom) when its log gave it", () => {
    const d = ws({ 'elsewhere/token': FILE_TOKEN, 'nudge.config.json': JSON.stringify({ token: CONFIG_TOKEN }) });
    expect(readServerToken({ cwd: d, env: {}, tokenFrom: join(d, 'elsewhere/token') })).toBe(FILE_TOKEN);
    expect(readServerToken({ cwd: d, env: { NUDGE_TOKEN: 'env-token-0123456789abcdef' }, tokenFrom: 'env NUDGE_TOKEN' })).toBe('env-token-0123456789abcdef');
  });

  it('says where it looked and what to do when there is no usable token', () => {
    const empty = ws();
    expect(() => readServerToken({ cwd: empty, env: {} })).toThrow(/Cannot read the runtime's API token from .*\.nudge.token \(ENOENT\)/);
    const short = ws({ '.nudge/token': 'short' });
    expect(() => readServerToken({ cwd: short, env: {} })).toThrow(/holds no usable token: delete it/);
  });
});
