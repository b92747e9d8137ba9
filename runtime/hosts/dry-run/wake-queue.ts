/**
 * A binary min-heap of (instant, contact order) wake-ups: the dry run's
 * virtual clock always jumps to the earliest pending wake-up. Parallel
 * arrays instead of objects keep a million entries cheap.
 */
export class WakeQueue {
  private times: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.times.length;
  }

  push(time: number, id: number): void {
    const { times, ids } = this;
    let i = times.length;
    times.push(time);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(time, id, times[parent], ids[parent])) break;
      times[i] = times[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  peekTime(): number | undefined {
    return this.times[0];
  }

  /** Removes the earliest entry and returns its id. */
  pop(): number | undefined {
    const { times, ids } = this;
    if (times.length === 0) return undefined;
    const top = ids[0];
    const lastTime = times.pop()!;
    const lastId = ids.pop()!;
    const n = times.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && this.less(times[r], ids[r], times[l], ids[l]) ? r : l;
        if (!this.less(times[c], ids[c], lastTime, lastId)) break;
        times[i] = times[c];
        ids[i] = ids[c];
        i = c;
      }
      times[i] = lastTime;
      ids[i] = lastId;
    }
    return top;
  }

  private less(t1: number, id1: number, t2: number, id2: number): boolean {
    return t1 < t2 || (t1 === t2 && id1 < id2);
  }
}
