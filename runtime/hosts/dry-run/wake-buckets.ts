/**
 * Pending wake-ups grouped by instant. Contacts of one zone tend to wake at
 * the same local times (09:00, a window's start), so there are far fewer
 * distinct instants than wake-ups: a heap of instants plus one list of
 * contacts per instant is much cheaper than a heap of every wake-up, and it
 * hands the host each instant's contacts together, in contact order.
 */
import { MinHeap } from '../../collections/min-heap';

export class WakeBuckets {
  /** Each instant once (its bucket holds the contacts), so no ties to break. */
  private readonly instants = new MinHeap<number>();
  private readonly buckets = new Map<number, number[]>();

  get size(): number {
    return this.buckets.size;
  }

  add(time: number, contact: number): void {
    const bucket = this.buckets.get(time);
    if (bucket) {
      bucket.push(contact);
    } else {
      this.buckets.set(time, [contact]);
      this.instants.push(time, time);
    }
  }

  nextTime(): number | undefined {
    return this.instants.peekKey();
  }

  /** Removes the earliest instant; its contacts ascending, each once. */
  take(): Int32Array {
    const time = this.instants.pop()!;
    const bucket = this.buckets.get(time)!;
    this.buckets.delete(time);
    const sorted = Int32Array.from(bucket).sort();
    let n = 0;
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[n++] = sorted[k];
    return sorted.subarray(0, n);
  }
}
