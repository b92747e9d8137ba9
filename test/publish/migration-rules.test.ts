/**
 * The migration rule at its edges: a removed last timer ends the path (and
 * the sequence), a removed start path is dropped, a new start path is not
 * taken by contacts in flight, a timer turned into another kind runs again.
 */
import { describe, expect, it } from 'vitest';
import { sequence, start, tagApplied } from 'nudge';
import type { SequenceIR } from '../../dsl/ir';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { MemoryStore } from '../../runtime/store/memory-store';
import { commitVersions } from '../../runtime/publish/commit-versions';
import { planMigration } from '../../runtime/publish/plan-migration';
import { DAY, START } from './helpers';

const seq = (paths: ReturnType<typeof start>[]) => sequence('s', { name: 'S', startOn: tagApplied('Go'), paths });

async function inFlight(v1: SequenceIR, contacts = ['a']) {
  const store = new MemoryStore();
  const clock = new SimulatedClock(START);
  const host = await RuntimeHost.create({ store, clock, accountZone: 'UTC' });
  await commitVersions(store, [{ ir: v1 }], new Map(), clock.now());
  host.publish([{ ir: v1, version: 1 }]);
  await store.commit({ contacts: contacts.map((id) => ({ id, email: `${id}@example.test` })) });
  for (const id of contacts) await host.apply(id, { tagsApplied: ['Go'] });
  return { store, clock, host };
}

async function publish(ctx: Awaited<ReturnType<typeof inFlight>>, v1: SequenceIR, v2: SequenceIR) {
  const version = (await ctx.store.getMeta<Record<string, number>>('sequenceVersions'))!.s;
  const published = new Map([['s', { ir: v1, version }]]);
  const [done] = await ctx.host.exclusive(async () => {
    const r = await commitVersions(ctx.store, [{ ir: v2, previous: published.get('s') }], published, ctx.clock.now());
    ctx.host.publish(r.map((x) => x.published));
    return r;
  });
  return done.report!;
}

describe('migration rules', () => {
  it('a removed timer with nothing surviving after it ends the path; the contact completes at the publish instant', async () => {
    const v1 = seq([start().applyTag('A').delay('2d').applyTag('B')]);
    const v2 = seq([start().applyTag('A')]);
    const ctx = await inFlight(v1);
    const report = await publish(ctx, v1, v2);
    expect(report.steps).toEqual([
      { stepId: 'wait-2d', path: 0, change: 'removed', contacts: 1, movesTo: 'end of path' },
      { stepId: 'tag-b', path: 0, change: 'removed', contacts: 0, movesTo: 'end of path' },
    ]);
    ctx.clock.advance(DAY);
    await ctx.host.runDue();
    const [e] = (await ctx.store.getEnrollments(['a'])).get('a')!;
    expect(e).toMatchObject({ status: 'completed', leftAt: START, sequenceVersion: 2 });
    expect((await ctx.store.history('a')).map((h) => h.step ?? h.message)).toEqual(['tag-a', 'moved from step wait-2d (removed in version 2) to the end of path 0']);
  });

  it('drops the state of a removed start path, and does not start a new one for contacts in flight', async () => {
    const v1 = seq([start().delay('1d').applyTag('A'), start('Two').delay('5d').applyTag('B')]);
    const v2 = seq([start().delay('1d').applyTag('A')]);
    const ctx = await inFlight(v1);
    const report = await publish(ctx, v1, v2);
    expect(report.steps.filter((s) => s.contacts > 0)).toEqual([{ stepId: 'wait-5d-two', path: 1, change: 'removed', contacts: 1, movesTo: 'end of path' }]);
    expect(report.diff.paths[1]).toMatchObject({ pathRemoved: true, removed: ['wait-5d-two', 'tag-b-two'] });
    expect((await ctx.store.getEnrollments(['a'])).get('a')![0].paths).toHaveLength(1);

    // A start path added while the contact waits on path 0: it gets an ended state for it, never runs it.
    const v3 = seq([start().delay('1d').applyTag('A'), start('Three').delay('1h').applyTag('C')]);
    const report3 = await publish(ctx, v2, v3);
    expect(report3).toMatchObject({ inFlight: 1, affected: 0, unaffected: 1, steps: [] });
    expect((await ctx.store.getEnrollments(['a'])).get('a')![0].paths[1]).toMatchObject({ status: 'ended', pos: 2 });
    ctx.clock.advance(2 * DAY);
    await ctx.host.runDue();
    const steps = (await ctx.store.history('a')).map((h) => h.step).filter(Boolean);
    expect(steps).toEqual(['wait-1d', 'tag-a']);
    expect((await ctx.store.getEnrollments(['a'])).get('a')![0].status).toBe('completed');
  });

  it('a waiting timer turned into another kind of timer (explicit id kept) is evaluated again from the publish instant', async () => {
    const v1 = seq([start().delay('10d', { id: 'hold' }).applyTag('A')]);
    const v2 = seq([start().waitUntil('2026-03-05', { id: 'hold' }).applyTag('A')]);
    const plan = planMigration(v1, v2, [{ sequenceId: 's', sequenceVersion: 1, contactId: 'x', entry: 1, enteredAt: START, status: 'active',
      paths: [{ pos: 0, stepId: 'hold', status: 'waiting', wakeAt: START + 10 * DAY, occurrence: 0 }] }], { fromVersion: 1, now: START });
    expect(plan.steps).toEqual([{ stepId: 'hold', path: 0, change: 'changed', contacts: 1, movesTo: 'hold', wakeUp: 'recomputed' }]);
    const ctx = await inFlight(v1);
    await publish(ctx, v1, v2);
    ctx.clock.set(Date.parse('2026-03-06T00:00:00Z'));
    await ctx.host.runDue();
    const steps = (await ctx.store.history('a')).filter((h) => h.step).map((h) => `${h.step}@${new Date(h.time).toISOString()}`);
    expect(steps).toEqual(['hold@2026-03-05T00:00:00.000Z', 'tag-a@2026-03-05T00:00:00.000Z']);
  });
});
