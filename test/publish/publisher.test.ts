/**
 * SequencePublisher on a real folder and a real lowdb file: invalid saves
 * keep the running version, versions survive a restart, a save that changes
 * nothing is not a version, and a saved file is picked up live.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import type { SequencePublisher } from '../../runtime/publish/sequence-publisher';
import { DAY, START, historyOf, iso, nurtureFile, openRuntime, tempDir, writeSequence } from './helpers';

const open: SequencePublisher[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((p) => p.close())); });

describe('SequencePublisher', () => {
  it('does not publish a file with an error: the running version stays and keeps running, the diagnostics are shown', async () => {
    const { dir, store, host, clock, publisher, logs } = await openRuntime(tempDir('nudge-pub-'));
    const file = writeSequence(dir, 'nurture.seq.ts', nurtureFile());
    await publisher.publishAll();
    await store.commit({ contacts: [{ id: 'c1', email: 'c1@example.test' }] });
    await host.apply('c1', { tagsApplied: ['Lead'] });

    writeSequence(dir, 'nurture.seq.ts', nurtureFile({ middleWait: null, tipsBody: 'Hi ~Contact.Favourite~' }));
    const outcome = await publisher.publishAll();
    expect(outcome.versions).toEqual([]);
    const [status] = publisher.status();
    expect(status).toMatchObject({ file, state: 'errors', sequences: [{ id: 'nurture', version: 1 }] });
    expect(status.diagnostics.find((d) => d.severity === 'error')?.message).toMatch(/Favourite/);
    expect(logs.at(-1)).toMatchObject({ level: 'error', file });
    expect(logs.at(-1)!.message).toContain('still running nurture v1');
    expect(host.sequence('nurture')!.version).toBe(1);

    // Version 1 runs on: the 2-day wait the broken save removed is still there.
    clock.set(START + 5 * DAY);
    await host.runDue();
    expect((await historyOf(store, 'c1')).map((l) => l.split('@')[0])).toEqual(['email-welcome', 'wait-1d', 'email-tips', 'wait-2d', 'email-offer', 'cooldown', 'email-bye']);

    // Fixed: published as version 2; the status is clean again.
    writeSequence(dir, 'nurture.seq.ts', nurtureFile({ middleWait: null }));
    expect((await publisher.publishAll()).versions.map((v) => v.published.version)).toEqual([2]);
    expect(publisher.status()[0]).toMatchObject({ state: 'ok', diagnostics: [], sequences: [{ id: 'nurture', version: 2 }] });
    await store.close();
  });

  it('reports a file that does not load, and a sequence id defined by two files', async () => {
    const { dir, store, publisher } = await openRuntime(tempDir('nudge-pub-'));
    writeSequence(dir, 'a.seq.ts', nurtureFile());
    writeSequence(dir, 'b.seq.ts', nurtureFile({ cooldown: '2d' }));
    writeSequence(dir, 'c.seq.ts', "import { sequence } from 'nudge';\nexport default sequence('broken', {\n");
    const outcome = await publisher.publishAll();
    expect(outcome.versions.map((v) => v.published.ir.id)).toEqual(['nurture']);
    const [a, b, c] = publisher.status();
    expect(a).toMatchObject({ state: 'ok', sequences: [{ id: 'nurture', version: 1 }] });
    expect(b).toMatchObject({ state: 'errors', sequences: [] });
    expect(b.diagnostics[0]).toMatchObject({ code: 'NUDGE_PUBLISH_DUPLICATE_SEQUENCE' });
    expect(b.diagnostics[0].message).toContain('a.seq.ts');
    expect(c).toMatchObject({ state: 'errors' });
    expect(c.diagnostics[0].code).toBe('NUDGE_ERR_LOAD_SYNTAX');
    await store.close();
  });

  it('keeps versions across a restart, resumes the stored IR, and does not count a save that changes nothing', async () => {
    const root = tempDir('nudge-pub-');
    let rt = await openRuntime(root);
    writeSequence(rt.dir, 'nurture.seq.ts', nurtureFile());
    await rt.publisher.publishAll();
    writeSequence(rt.dir, 'nurture.seq.ts', nurtureFile({ cooldown: '2d' }));
    await rt.publisher.publishAll();
    expect(rt.host.sequence('nurture')!.version).toBe(2);
    await rt.store.close();

    // Restart with a broken file on disk: the host runs the stored version 2, not the file.
    writeSequence(rt.dir, 'nurture.seq.ts', nurtureFile({ cooldown: '2d', tipsBody: '~Contact.Nope~' }));
    rt = await openRuntime(root, new SimulatedClock(START + DAY));
    const broken = await rt.publisher.publishAll();
    expect(broken.versions).toEqual([]);
    expect(rt.host.sequence('nurture')!.version).toBe(2);
    const cooldown = rt.host.sequence('nurture')!.ir.paths[0].steps.find((s) => s.id === 'cooldown')!;
    expect(cooldown.params).toMatchObject({ duration: { amount: 2, unit: 'd' } });

    // The same sequence with a comment and blank lines added: positions move, no new version.
    writeSequence(rt.dir, 'nurture.seq.ts', `// Nurture, reviewed by Ann\n\n\n${nurtureFile({ cooldown: '2d' })}`);
    expect((await rt.publisher.publishAll()).versions).toEqual([]);
    expect(rt.publisher.status()[0]).toMatchObject({ state: 'ok', sequences: [{ id: 'nurture', version: 2 }] });

    writeSequence(rt.dir, 'nurture.seq.ts', nurtureFile({ cooldown: '5d' }));
    expect((await rt.publisher.publishAll()).versions.map((v) => v.published.version)).toEqual([3]);
    expect(await rt.store.getMeta('sequenceVersions')).toEqual({ nurture: 3 });
    await rt.store.close();
  });

  it('picks up a saved file while watching (live reload), ignoring temp and bundle files', async () => {
    const { dir, store, host, clock, publisher, logs } = await openRuntime(tempDir('nudge-pub-'));
    writeSequence(dir, 'nurture.seq.ts', nurtureFile());
    open.push(publisher);
    await publisher.start();
    expect(host.sequence('nurture')!.version).toBe(1);
    await store.commit({ contacts: [{ id: 'c1', email: 'c1@example.test' }] });
    await host.apply('c1', { tagsApplied: ['Lead'] });
    clock.set(START + 2 * DAY);
    await host.runDue(); // c1 now waits on wait-2d

    // Noise an editor and the loader leave beside the file: none of it is a sequence file.
    writeFileSync(join(dir, '.nurture.seq.ts.swp'), 'garbage');
    writeFileSync(join(dir, 'nurture.seq.ts~'), 'garbage');
    writeFileSync(join(dir, '.nurture.seq.ts.nudge-bundle.js'), 'garbage');
    writeFileSync(join(dir, '.#nurture.seq.ts'), nurtureFile({ cooldown: '4d' })); // an editor's lock/backup copy
    // Two quick saves: the debounce loads the last one only.
    writeSequence(dir, 'nurture.seq.ts', nurtureFile({ cooldown: '9d' }));
    writeSequence(dir, 'nurture.seq.ts', nurtureFile({ middleWait: null }));
    const began = Date.now();
    while (host.sequence('nurture')!.version < 2 && Date.now() - began < 8000) await new Promise((r) => setTimeout(r, 50));
    expect(host.sequence('nurture')!.version).toBe(2);
    await new Promise((r) => setTimeout(r, 400));
    expect(host.sequence('nurture')!.version).toBe(2);
    expect(logs.filter((l) => l.level !== 'info')).toEqual([]);
    expect(host.sequence('nurture')!.ir.paths[0].steps.map((s) => s.id)).not.toContain('wait-2d');

    await host.runDue();
    expect((await historyOf(store, 'c1')).slice(-2)).toEqual([
      '# moved from step wait-2d (removed in version 2) to step email-offer',
      `email-offer@${iso(START + 2 * DAY)}`,
    ]);
    expect(publisher.status().map((s) => s.file)).toEqual([join(dir, 'nurture.seq.ts')]);
    await publisher.close();
    await store.close();
  });
});
