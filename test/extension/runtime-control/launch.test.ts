import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { publishLaunch, sequenceDir, serveLaunch } from '../../../extension/runtime-control/launch';

const base = { packageRoot: '/ext', nodePath: '/bin/code', workspaceFolder: '/ws', env: { PATH: '/usr/bin' } };

describe('serveLaunch', () => {
  it('runs dist/cli.js serve on 127.0.0.1 with the settings, in the workspace folder, as Node', () => {
    const l = serveLaunch({ ...base, sequenceDir: '/ws', storeFile: '.nudge/store.json', port: 4400, clock: 'simulated' });
    expect(l.command).toBe('/bin/code');
    expect(l.args).toEqual([join('/ext', 'dist', 'cli.js'), 'serve', '--dir', '/ws', '--store', resolve('/ws', '.nudge/store.json'), '--port', '4400', '--host', '127.0.0.1', '--clock', 'simulated']);
    expect(l.cwd).toBe('/ws');
    expect(l.env).toEqual({ PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' });
  });

  it('keeps an absolute store path and defaults an empty one', () => {
    expect(serveLaunch({ ...base, sequenceDir: '/ws', storeFile: '/data/s.json', port: 0, clock: 'wall' }).args).toContain('/data/s.json');
    expect(serveLaunch({ ...base, sequenceDir: '/ws', storeFile: '', port: 0, clock: 'wall' }).args).toContain(resolve('/ws', '.nudge/store.json'));
  });
});

describe('publishLaunch', () => {
  it('asks for JSON without the type check, like the server, and --dry-run only for the preview', () => {
    const dry = publishLaunch({ ...base, dir: '/tmp/copy', storeFile: '.nudge/store.json', dryRun: true, timeZone: 'America/New_York' });
    expect(dry.args).toEqual([join('/ext', 'dist', 'cli.js'), 'publish', '--dry-run', '--json', '--no-typecheck', '--dir', '/tmp/copy', '--store', resolve('/ws', '.nudge/store.json'), '--tz', 'America/New_York']);
    const real = publishLaunch({ ...base, dir: '/ws', storeFile: '.nudge/store.json', dryRun: false, timeZone: 'UTC' });
    expect(real.args).not.toContain('--dry-run');
  });
});

describe('sequenceDir', () => {
  it('is the workspace folder when it holds sequence files', () => {
    expect(sequenceDir('/ws', ['/ws', '/ws/sub'], '/ws/sub/b.seq.ts')).toEqual({ kind: 'dir', dir: resolve('/ws') });
  });
  it("is the edited sequence's folder otherwise", () => {
    expect(sequenceDir('/ws', ['/ws/sequences', '/ws/old'], '/ws/sequences/b.seq.ts')).toEqual({ kind: 'dir', dir: resolve('/ws/sequences') });
  });
  it('is the one subfolder holding sequence files, or asks among several', () => {
    expect(sequenceDir('/ws', ['/ws/sequences'])).toEqual({ kind: 'dir', dir: resolve('/ws/sequences') });
    expect(sequenceDir('/ws', ['/ws/b', '/ws/a/deep'])).toEqual({ kind: 'ask', dirs: [resolve('/ws/a/deep'), resolve('/ws/b')] });
  });
  it('is none when no folder holds sequence files: nothing to serve', () => {
    expect(sequenceDir('/ws', [])).toEqual({ kind: 'none' });
  });
});
