/**
 * The one fold of round-robin turns, shared by both hosts: the engine only
 * reads `world.roundRobin` and returns the counters an instant advanced
 * (`InstantResult.roundRobin`); the host writes them back into the world, so
 * the next contact takes the next turn, and into what it persists, if anything.
 */
import type { EngineWorld } from '../engine/world';

export function foldRoundRobin(world: EngineWorld, advanced: Record<string, number> | undefined, persisted?: Record<string, number>): void {
  if (advanced === undefined) return;
  for (const key in advanced) {
    world.roundRobin.set(key, advanced[key]);
    if (persisted) persisted[key] = advanced[key];
  }
}
