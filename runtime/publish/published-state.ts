/**
 * Which version of each sequence is published, kept in the store's meta
 * (`sequenceVersions`, `publishedSequences`) and written in the same batch
 * as the migrated enrollment states: after a restart the host runs exactly
 * the IR the stored positions refer to, even if the files changed (or broke)
 * while it was down; the publisher then migrates from there.
 */
import type { SequenceIR } from '../../dsl/ir';
import type { ContactStore } from '../store/contact-store';
import type { PublishedSequence } from '../hosts/live/runtime-host';

export const VERSIONS_META = 'sequenceVersions';
export const SEQUENCES_META = 'publishedSequences';

export async function readPublished(store: ContactStore): Promise<Map<string, PublishedSequence>> {
  const versions = (await store.getMeta<Record<string, number>>(VERSIONS_META)) ?? {};
  const irs = (await store.getMeta<Record<string, SequenceIR>>(SEQUENCES_META)) ?? {};
  const out = new Map<string, PublishedSequence>();
  for (const [id, ir] of Object.entries(irs)) out.set(id, { ir, version: versions[id] ?? 1 });
  return out;
}

/** The meta entries for a store batch: every published sequence, old and new. */
export function publishedMeta(all: Map<string, PublishedSequence>): Record<string, unknown> {
  const ids = [...all.keys()].sort();
  return {
    [VERSIONS_META]: Object.fromEntries(ids.map((id) => [id, all.get(id)!.version])),
    [SEQUENCES_META]: Object.fromEntries(ids.map((id) => [id, all.get(id)!.ir])),
  };
}
