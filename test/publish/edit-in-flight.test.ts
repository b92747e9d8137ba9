/**
 * The edit test of issue 4: 500 contacts in flight at staggered points of a
 * sequence when a new version inserts a step, removes the timer some of them
 * wait on, changes a delay (explicit id) and edits another (its derived id
 * renamed). The impact report computed before publishing must be what then
 * happens to every contact, as its history and position show.
 */
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../runtime/engine/model';
import { DAY, HOUR, START, historyOf, iso, nurtureFile, openRuntime, tempDir, writeSequence } from './helpers';

const N = 500;
const contacts: Contact[] = Array.from({ length: N }, (_, i) => ({ id: `c${String(i).padStart(3, '0')}`, email: `c${i}@example.test`, firstName: `C${i}` }));
/** Five leads an hour for 100 hours. */
const enteredAt = (i: number) => START + Math.floor(i / 5) * HOUR;
const P = START + 110 * HOUR; // the publish instant: the last leads entered 11 hours before

/** Where contact i stands at P, by the v1 timeline alone (independent of the migration code). */
function groupOf(i: number): 'first-wait' | 'middle-wait' | 'cooldown' | 'final-wait' {
  const age = P - enteredAt(i);
  if (age < 1 * DAY) return 'first-wait';
  if (age < 3 * DAY) return 'middle-wait';
  if (age < 4 * DAY) return 'cooldown';
  return 'final-wait';
}

describe('publishing a new version with 500 contacts in flight', () => {
  it('moves and keeps contacts exactly as the impact report said', async () => {
    const { dir, store, host, clock, publisher, logs } = await openRuntime(tempDir('nudge-edit-'));
    writeSequence(dir, 'nurture.seq.ts', nurtureFile());
    const first = await publisher.publishAll();
    expect(first.versions.map((v) => v.published.version)).toEqual([1]);

    await store.commit({ contacts });
    for (let i = 0; i < N; i++) {
      if (i % 5 === 0) {
        clock.set(enteredAt(i));
        await host.runDue();
      }
      await host.apply(contacts[i].id, { tagsApplied: ['Lead'] });
    }
    clock.set(P);
    await host.runDue();

    // Insert a tag, rename the first wait by editing it, remove the middle wait, lengthen the cooldown.
    writeSequence(dir, 'nurture.seq.ts', nurtureFile({ warmTag: true, firstWait: '12h', middleWait: null, cooldown: '3d' }));
    const preview = await publisher.preview();
    expect(host.sequence('nurture')!.version).toBe(1); // a dry run publishes nothing
    const outcome = await publisher.publishAll();
    const report = outcome.versions[0].report!;
    expect(report).toEqual(preview.versions[0].report);

    const groups = { 'first-wait': [] as number[], 'middle-wait': [] as number[], cooldown: [] as number[], 'final-wait': [] as number[] };
    for (let i = 0; i < N; i++) groups[groupOf(i)].push(i);
    // All four groups are populated, and leads sit exactly on each boundary (ages 24 h, 72 h and 96 h at P).
    expect(groups['first-wait'].length).toBe(65);
    expect(groups['middle-wait'].length).toBe(240);
    expect(groups.cooldown.length).toBe(120);
    expect(groups['final-wait'].length).toBe(75);

    expect({ from: report.fromVersion, to: report.toVersion, inFlight: report.inFlight, affected: report.affected, unaffected: report.unaffected }).toEqual({
      from: 1, to: 2, inFlight: N, affected: 65 + 240 + 120, unaffected: 75,
    });
    expect(report.steps).toEqual([
      { stepId: 'wait-1d', path: 0, change: 'changed', contacts: 65, movesTo: 'wait-12h', wakeUp: 'kept' },
      { stepId: 'wait-2d', path: 0, change: 'removed', contacts: 240, movesTo: 'email-offer' },
      { stepId: 'cooldown', path: 0, change: 'changed', contacts: 120, movesTo: 'cooldown', wakeUp: 'kept' },
    ]);
    expect(report.diff.paths[0].added).toEqual(['tag-warm']);
    const logged = logs.find((l) => l.sequenceId === 'nurture' && l.version === 2)!;
    expect(logged.message).toContain('nurture: version 1 → 2 (500 contacts in flight: 425 affected, 75 unaffected)');
    expect(logged.message).toContain('wait-2d  removed  240 contacts → email-offer');

    // Positions right after publishing, before anything runs.
    const stored = await store.getEnrollments(contacts.map((c) => c.id));
    const pathOf = (i: number) => stored.get(contacts[i].id)![0].paths[0];
    expect(pathOf(groups['first-wait'][0])).toMatchObject({ stepId: 'wait-12h', pos: 2, status: 'waiting', wakeAt: enteredAt(groups['first-wait'][0]) + DAY });
    expect(pathOf(groups['middle-wait'][0])).toMatchObject({ stepId: 'email-offer', pos: 4, status: 'running', wakeAt: undefined });
    expect(pathOf(groups.cooldown[0])).toMatchObject({ stepId: 'cooldown', pos: 5, status: 'waiting' });
    expect(pathOf(groups['final-wait'][0])).toMatchObject({ stepId: 'final-wait', pos: 7, status: 'waiting' });
    expect(stored.get(contacts[0].id)![0].sequenceVersion).toBe(2);

    // Three new leads after the publish take the new version from its start.
    const late: Contact[] = [1, 2, 3].map((n) => ({ id: `new${n}`, email: `new${n}@example.test` }));
    await store.commit({ contacts: late });
    clock.set(P + HOUR);
    await host.runDue();
    for (const c of late) await host.apply(c.id, { tagsApplied: ['Lead'] });
    clock.set(P + 20 * DAY);
    await host.runDue();

    const counts = { moved: 0, kept: 0 };
    for (let i = 0; i < N; i++) {
      const e = enteredAt(i);
      const h = await historyOf(store, contacts[i].id);
      const head = [`email-welcome@${iso(e)}`];
      const group = groupOf(i);
      if (group === 'first-wait') {
        expect(h).toEqual([...head,
          `# step wait-1d changed in version 2 (now step wait-12h): keeps waiting until ${iso(e + DAY)}, as scheduled when it got there`,
          `wait-12h@${iso(e + DAY)}`, `email-tips@${iso(e + DAY)}`, `email-offer@${iso(e + DAY)}`,
          `cooldown@${iso(e + 4 * DAY)}`, `email-bye@${iso(e + 4 * DAY)}`, `final-wait@${iso(e + 11 * DAY)}`, `note-finished@${iso(e + 11 * DAY)}`]);
        counts.kept += 1;
      } else if (group === 'middle-wait') {
        expect(h).toEqual([...head, `wait-1d@${iso(e + DAY)}`, `email-tips@${iso(e + DAY)}`,
          '# moved from step wait-2d (removed in version 2) to step email-offer',
          `email-offer@${iso(P)}`, `cooldown@${iso(P + 3 * DAY)}`, `email-bye@${iso(P + 3 * DAY)}`,
          `final-wait@${iso(P + 10 * DAY)}`, `note-finished@${iso(P + 10 * DAY)}`]);
        counts.moved += 1;
      } else if (group === 'cooldown') {
        expect(h).toEqual([...head, `wait-1d@${iso(e + DAY)}`, `email-tips@${iso(e + DAY)}`, `wait-2d@${iso(e + 3 * DAY)}`, `email-offer@${iso(e + 3 * DAY)}`,
          `# step cooldown changed in version 2: keeps waiting until ${iso(e + 4 * DAY)}, as scheduled when it got there`,
          `cooldown@${iso(e + 4 * DAY)}`, `email-bye@${iso(e + 4 * DAY)}`, `final-wait@${iso(e + 11 * DAY)}`, `note-finished@${iso(e + 11 * DAY)}`]);
        counts.kept += 1;
      } else {
        expect(h).toEqual([...head, `wait-1d@${iso(e + DAY)}`, `email-tips@${iso(e + DAY)}`, `wait-2d@${iso(e + 3 * DAY)}`, `email-offer@${iso(e + 3 * DAY)}`,
          `cooldown@${iso(e + 4 * DAY)}`, `email-bye@${iso(e + 4 * DAY)}`, `final-wait@${iso(e + 11 * DAY)}`, `note-finished@${iso(e + 11 * DAY)}`]);
      }
      expect(h.filter((l) => l.startsWith('tag-warm'))).toEqual([]); // already past the inserted step
    }
    const moved = report.steps.filter((s) => s.change === 'removed').reduce((n, s) => n + s.contacts, 0);
    const kept = report.steps.filter((s) => s.wakeUp === 'kept').reduce((n, s) => n + s.contacts, 0);
    expect(counts).toEqual({ moved, kept });

    // Every contact finished, each email sent once (middle-wait contacts got the offer once, at the publish).
    const all = await store.getEnrollments(contacts.map((c) => c.id));
    expect([...all.values()].every((list) => list.length === 1 && list[0].status === 'completed')).toBe(true);
    const keys = (await store.listOutbox()).map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.includes(':email-offer:')).length).toBe(N + 3);

    const t = P + HOUR;
    expect(await historyOf(store, 'new1')).toEqual([`email-welcome@${iso(t)}`, `tag-warm@${iso(t)}`, `wait-12h@${iso(t + 12 * HOUR)}`,
      `email-tips@${iso(t + 12 * HOUR)}`, `email-offer@${iso(t + 12 * HOUR)}`, `cooldown@${iso(t + 12 * HOUR + 3 * DAY)}`,
      `email-bye@${iso(t + 12 * HOUR + 3 * DAY)}`, `final-wait@${iso(t + 12 * HOUR + 10 * DAY)}`, `note-finished@${iso(t + 12 * HOUR + 10 * DAY)}`]);
    await store.close();
  }, 60_000);
});
