// Which folder the runtime serves when the workspace folder has no .seq.ts at
// its top level: the one subfolder that has them, the user's pick among
// several, or a clear error when there are none (instead of serving nothing).
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answers, fakeVscode, folders, quickPicks } from './fake-vscode';

vi.mock('vscode', () => fakeVscode);
const { findSequenceFolders, pickTarget } = await import('../../../extension/runtime-control/workspace-target');

const made: string[] = [];
function workspace(files: string[]): string {
  const ws = mkdtempSync(join(tmpdir(), 'nudge-target-'));
  made.push(ws);
  for (const f of files) {
    mkdirSync(join(ws, f, '..'), { recursive: true });
    writeFileSync(join(ws, f), '');
  }
  folders.splice(0, folders.length, { uri: { fsPath: ws, scheme: 'file' }, name: 'ws', index: 0 });
  return ws;
}

beforeEach(() => { quickPicks.length = 0; answers.length = 0; });
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

describe('pickTarget', () => {
  it('serves the workspace folder when it holds .seq.ts files', async () => {
    const ws = workspace(['a.seq.ts', 'more/b.seq.ts']);
    expect(await pickTarget('start the runtime')).toMatchObject({ root: ws, sequenceDir: ws });
    expect(quickPicks).toEqual([]);
  });

  it('serves the only subfolder that holds them, without asking', async () => {
    const ws = workspace(['README.md', 'sequences/a.seq.ts', 'sequences/b.seq.ts', 'node_modules/pkg/x.seq.ts', '.nudge/y.seq.ts']);
    expect(await pickTarget('start the runtime')).toMatchObject({ root: ws, sequenceDir: join(ws, 'sequences') });
    expect(quickPicks).toEqual([]);
  });

  it('asks which folder when several subfolders hold them; dismissing starts nothing', async () => {
    const ws = workspace(['campaigns/spring/a.seq.ts', 'campaigns/fall/b.seq.ts', 'campaigns/fall/c.seq.ts', 'lib/names.ts']);
    answers.push(join('campaigns', 'fall'));
    expect(await pickTarget('start the runtime')).toMatchObject({ root: ws, sequenceDir: join(ws, 'campaigns', 'fall') });
    expect(quickPicks[0].labels).toEqual([join('campaigns', 'fall'), join('campaigns', 'spring')]);
    answers.push(undefined);
    expect(await pickTarget('start the runtime')).toBeUndefined();
  });

  it('says clearly that there is nothing to serve when no folder holds a .seq.ts', async () => {
    workspace(['README.md', 'lib/names.ts', 'node_modules/pkg/x.seq.ts', '.git/y.seq.ts']);
    await expect(pickTarget('start the runtime')).rejects.toThrow(/^Cannot start the runtime: ws has no \.seq\.ts file, neither at its top level nor in its subfolders/);
  });
});

describe('findSequenceFolders', () => {
  it('counts the sequence files of each folder, ignoring editor temp files and bundles', async () => {
    const ws = workspace(['a.seq.ts', '.a.seq.ts.nudge-bundle.js', '.#b.seq.ts', 'x/c.seq.ts', 'x/d.seq.ts~']);
    expect(await findSequenceFolders(ws)).toEqual([{ dir: ws, files: 1 }, { dir: join(ws, 'x'), files: 1 }]);
  });
});
