import { afterEach, describe, expect, it, vi } from 'vitest';
import { LivePoller, type PollResult, type PollSource } from '../../../extension/runtime-control/live-poller';

afterEach(() => { vi.useRealTimers(); });

describe('LivePoller', () => {
  it('polls at once, then every interval, one poll at a time, and stops', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const source: PollSource = {
      clock: async () => ({ kind: 'wall', now: '2026-12-03T14:00:00Z' }),
      sequences: async () => { calls += 1; return []; },
    };
    const results: PollResult[] = [];
    const poller = new LivePoller(source, (r) => results.push(r), 3000);
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toBe(2);
    expect(results[1]).toEqual({ clock: { kind: 'wall', now: '2026-12-03T14:00:00Z' }, sequences: [] });
    poller.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(2);
  });

  it('reports a failure with whatever did answer, and keeps polling', async () => {
    vi.useFakeTimers();
    const source: PollSource = {
      clock: async () => { throw new Error('GET /clock failed'); },
      sequences: async () => [],
    };
    const results: PollResult[] = [];
    const poller = new LivePoller(source, (r) => results.push(r), 1000);
    poller.start();
    await vi.advanceTimersByTimeAsync(1000);
    poller.stop();
    expect(results).toHaveLength(2);
    expect(results[0].error?.message).toBe('GET /clock failed');
    expect(results[0].sequences).toEqual([]);
  });

  it('drops an answer that arrives after stop()', async () => {
    let release!: () => void;
    const source: PollSource = {
      clock: () => new Promise((res) => { release = () => res({ kind: 'wall', now: 'x' }); }),
      sequences: async () => [],
    };
    const results: PollResult[] = [];
    const poller = new LivePoller(source, (r) => results.push(r));
    poller.start();
    poller.stop();
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(results).toEqual([]);
  });
});
