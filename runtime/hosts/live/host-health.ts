/**
 * The live host's answer to "can the store be written?", for `/health`:
 * the store's own word (the last failed append or compaction, until an
 * append succeeds), without a route having to reach the store. A store
 * without the notion (memory) is always writable.
 */
import type { RuntimeHost } from './runtime-host';

export function storeWriteProblem(host: RuntimeHost): string | null {
  return host.store.writeProblem?.() ?? null;
}
