/**
 * Where the runtime's "now" comes from: the wall clock, or a simulated
 * clock that only moves when told (tests, demos, `--clock simulated`) and
 * never travels back in time.
 */
export interface Clock {
  readonly kind: 'wall' | 'simulated';
  now(): number;
}

export class WallClock implements Clock {
  readonly kind = 'wall' as const;
  now(): number {
    return Date.now();
  }
}

export class SimulatedClock implements Clock {
  readonly kind = 'simulated' as const;
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  /** Moves forward by `ms` (≥ 0) and returns the new instant. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`A simulated clock only moves forward: cannot advance by ${ms} ms.`);
    this.current += ms;
    return this.current;
  }

  /** Jumps to `t`, which must not be before now. */
  set(t: number): void {
    if (!Number.isFinite(t) || t < this.current) {
      throw new RangeError(`A simulated clock only moves forward: ${new Date(t).toISOString()} is before ${new Date(this.current).toISOString()}.`);
    }
    this.current = t;
  }
}
