import { describe, expect, it } from 'vitest';
import { GroupWriter } from '../../runtime/store/group-writer';

/** A fake file: each write takes `ms` and records the state it serialised. */
function fakeFile(ms: number) {
  let state = 0;
  const written: number[] = [];
  let fail: Error | null = null;
  const writer = new GroupWriter(async () => {
    const snapshot = state; // taken synchronously, as lowdb does
    await new Promise((r) => setTimeout(r, ms));
    if (fail) throw fail;
    written.push(snapshot);
  });
  return {
    writer,
    written,
    change() {
      state++;
      writer.changed();
    },
    failWith(e: Error | null) {
      fail = e;
    },
  };
}

describe('GroupWriter', () => {
  it('writes once for changes made together, then once more for what arrived during the write', async () => {
    const f = fakeFile(20);
    for (let i = 0; i < 10; i++) f.change();
    await new Promise((r) => setTimeout(r, 5)); // the first write is running
    for (let i = 0; i < 10; i++) f.change();
    await f.writer.flush();
    expect(f.written).toEqual([10, 20]);
    expect(f.writer.dirty).toBe(false);
  });

  it('resolves a flush when its data is written, not when a later change is', async () => {
    const f = fakeFile(10);
    f.change();
    const first = f.writer.flush();
    await new Promise((r) => setTimeout(r, 2));
    f.change();
    await first;
    expect(f.written[0]).toBe(1);
    await f.writer.flush();
    expect(f.written).toEqual([1, 2]);
  });

  it('rejects the waiting flush when a write fails, keeps the data dirty, and succeeds on a later flush', async () => {
    const f = fakeFile(1);
    f.failWith(new Error('disk full'));
    f.change();
    await expect(f.writer.flush()).rejects.toThrow('disk full');
    expect(f.writer.dirty).toBe(true);
    expect((f.writer.lastError as Error).message).toBe('disk full');
    f.failWith(null);
    await f.writer.flush();
    expect(f.written).toEqual([1]);
    expect(f.writer.lastError).toBeNull();
  });

  it('honours a grouping delay for commits but not for flush', async () => {
    let writes = 0;
    const writer = new GroupWriter(async () => void writes++, 10_000);
    writer.changed();
    writer.changed();
    const started = Date.now();
    await writer.flush();
    expect(writes).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
