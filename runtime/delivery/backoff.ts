/**
 * How long to wait before the next attempt, given the attempts made so far
 * (1 after the first failure). Exponential so a receiver that is down for
 * an hour is not hammered, capped so that one that comes back is tried
 * again within the hour.
 */
export type Backoff = (attempts: number) => number;

export function exponentialBackoff(baseMs = 30_000, capMs = 3_600_000): Backoff {
  return (attempts) => Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
