// @vitest-environment node
/** The words on the canvas's count badges and the nodes they go on. */
import { describe, expect, it } from 'vitest';
import { sequence, start } from 'nudge';
import { toMermaid } from '../../../dsl/mermaid';
import { badgeText, badgesFor } from '../../../extension/shared/count-badges';

describe('badgeText', () => {
  it('dry run: reached and done always, skipped, failed and waiting only when some', () => {
    expect(badgeText({ reached: 12, done: 10, skipped: 1, failed: 1 }, 'dryRun')).toBe('12 reached · 10 done · 1 skipped · 1 failed');
    expect(badgeText({ reached: 5, done: 5, skipped: 0, failed: 0, waiting: 0 }, 'dryRun')).toBe('5 reached · 5 done');
    expect(badgeText({ reached: 3, done: 1, waiting: 2 }, 'dryRun')).toBe('3 reached · 1 done · 2 waiting');
    expect(badgeText({ reached: 0, done: 0 }, 'dryRun')).toBe('0 reached · 0 done');
  });

  it('runtime: active, queued, done', () => {
    expect(badgeText({ active: 3, waiting: 5, done: 40 }, 'runtime')).toBe('3 active · 5 queued · 40 done');
    expect(badgeText({ active: 0, waiting: 0, done: 12345, failed: 2 }, 'runtime')).toBe('0 active · 0 queued · 12,345 done · 2 failed');
  });

  it('nothing known: no badge', () => {
    expect(badgeText({}, 'dryRun')).toBe('');
  });
});

describe('badgesFor', () => {
  it('goes from (sequence, step) to the node drawn for it and skips steps not on this canvas', () => {
    const d = toMermaid(sequence('welcome-2', { name: 'W', paths: [start().applyTag('A', { id: 'tag-a' }).delay('1d', { id: 'wait' })] }));
    const badges = badgesFor({
      source: 'dryRun',
      label: 'Dry run: 3 contacts',
      bySequence: { 'welcome-2': { 'tag-a': { reached: 3, done: 3 }, gone: { reached: 1 } }, other: { wait: { reached: 9 } } },
    }, d.nodes);
    expect(badges).toEqual([{ nodeId: 'step_welcome_2__tag_a', source: 'dryRun', text: '3 reached · 3 done' }]);
    expect(d.nodes.step_welcome_2__tag_a.stepId).toBe('tag-a');
  });
});
