// The link key: generated owner-only beside the API token, or from the
// config; never weak, never the API token. And the tracking config keys.
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkExpiryMs, readConfig } from '../../runtime/server/config';
import { resolveLinkKey } from '../../runtime/server/link-key-file';

const API = 'api-token-0123456789abcdef-0123456789';
const dir = () => mkdtempSync(join(tmpdir(), 'nudge-link-key-'));

describe('resolveLinkKey', () => {
  it('creates .nudge/link.key with mode 0600 in a 0700 folder, then reads the same key', () => {
    const file = join(dir(), '.nudge', 'link.key');
    const made = resolveLinkKey(undefined, file, API);
    expect(made).toMatchObject({ from: file, created: true });
    expect(made.key.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    expect(resolveLinkKey(undefined, file, API)).toEqual({ key: made.key, from: file, created: false });
  });

  it('tightens a key file others can read, and refuses a weak one', () => {
    const file = join(dir(), 'link.key');
    writeFileSync(file, `${'k'.repeat(40)}\n`, { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(resolveLinkKey(undefined, file, API).key).toBe('k'.repeat(40));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'aaaaaaaaaaaaaaaa\n');
    expect(() => resolveLinkKey(undefined, file, API)).toThrow(expect.objectContaining({ code: 'NUDGE_ERR_LINK_KEY_FILE' }));
    expect(readFileSync(file, 'utf8')).toBe('aaaaaaaaaaaaaaaa\n'); // never replaced behind the operator's back
  });

  it('takes tracking.linkKey from the config, but never the API token itself or a short one', () => {
    const file = join(dir(), 'link.key');
    expect(resolveLinkKey('c'.repeat(32), file, API)).toEqual({ key: 'c'.repeat(32), from: 'config', created: false });
    expect(() => resolveLinkKey(API, file, API)).toThrow(/must not be the API token/);
    expect(() => resolveLinkKey('short', file, API)).toThrow(/at least 32 characters/);
  });
});

describe('tracking config', () => {
  const write = (tracking: unknown) => {
    const d = dir();
    writeFileSync(join(d, 'nudge.config.json'), JSON.stringify({ tracking }));
    return () => readConfig(undefined, d).config;
  };

  it('reads linkExpiry, openPixel and linkKey', () => {
    expect(write({ linkExpiry: '30d', openPixel: true })().tracking).toEqual({ linkExpiry: '30d', openPixel: true });
    expect(linkExpiryMs('365d')).toBe(365 * 86_400_000);
    expect(linkExpiryMs('12w')).toBe(84 * 86_400_000);
    expect(linkExpiryMs('48h')).toBe(48 * 3600_000);
  });

  it('refuses an unknown tracking key naming the known ones, and a malformed expiry', () => {
    expect(write({ openPixels: true })).toThrow(/unknown key "tracking.openPixels" \(known: linkExpiry, openPixel, linkKey\)/);
    expect(write({ linkExpiry: '1 year' })).toThrow(/tracking.linkExpiry must match pattern/);
    expect(write({ linkExpiry: '0d' })).toThrow(/tracking.linkExpiry/);
    expect(write({ linkKey: 'short' })).toThrow(/tracking.linkKey/);
  });
});
