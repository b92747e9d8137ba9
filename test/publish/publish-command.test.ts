/**
 * `nudge publish --dry-run` prints the impact report and leaves the store's
 * file as it was; without --dry-run the same report is applied.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { nudge } from '../cli/run-nudge';
import { nurtureFile, openRuntime, tempDir, writeSequence } from './helpers';

describe('nudge publish', () => {
  it('prints the impact of the folder against the store (dry run), then publishes it', async () => {
    const root = tempDir('nudge-publish-cli-');
    const { dir, store, host, publisher } = await openRuntime(root);
    writeSequence(dir, 'nurture.seq.ts', nurtureFile());
    await publisher.publishAll();
    await store.commit({ contacts: ['a', 'b', 'c'].map((id) => ({ id, email: `${id}@example.test` })) });
    for (const id of ['a', 'b', 'c']) await host.apply(id, { tagsApplied: ['Lead'] }); // all three wait on wait-1d
    await store.close();
    const storeFile = join(root, 'store.json');

    writeSequence(dir, 'nurture.seq.ts', nurtureFile({ firstWait: null }));
    const before = readFileSync(storeFile, 'utf8');
    const dry = nudge(['publish', '--dry-run', '--dir', dir, '--store', storeFile, '--no-typecheck']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would publish nurture: version 1 → 2 (3 contacts in flight: 3 affected, 0 unaffected)');
    expect(dry.stdout).toContain('path 0  wait-1d  removed  3 contacts → email-tips');
    expect(dry.stdout).toContain('dry run: nothing was changed');
    expect(readFileSync(storeFile, 'utf8')).toBe(before);

    const real = nudge(['publish', '--dir', dir, '--store', storeFile, '--no-typecheck', '--json']);
    expect(real.code).toBe(0);
    const out = JSON.parse(real.stdout);
    expect(out.versions[0]).toMatchObject({ sequenceId: 'nurture', version: 2, report: { affected: 3, steps: [{ stepId: 'wait-1d', contacts: 3, movesTo: 'email-tips' }] } });
    const reopened = await LowdbStore.open(storeFile);
    expect(await reopened.getMeta('sequenceVersions')).toEqual({ nurture: 2 });
    expect((await reopened.history('a')).at(-1)?.message).toBe('moved from step wait-1d (removed in version 2) to step email-tips');
    await reopened.close();

    // An invalid file: reported, exit code 1, nothing published.
    writeSequence(dir, 'nurture.seq.ts', nurtureFile({ tipsBody: '~Contact.Favourite~' }));
    const bad = nudge(['publish', '--dir', dir, '--store', storeFile, '--no-typecheck']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/nurture\.seq\.ts:\d+:\d+ error \S+ .*Favourite/);
    expect(bad.stderr).toContain('not published (the running version stays)');
    expect(bad.stdout).toContain('nothing to publish');
  });
});
