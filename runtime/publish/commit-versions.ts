/**
 * Publishes new sequence versions against the store: re-reads the states of
 * the contacts in flight, computes each impact report from exactly those
 * states, migrates them, and commits states, wake-ups, history lines and the
 * new versions as ONE batch, made durable before the engine sees the new IR.
 * Run it inside the host's exclusive section so no step runs meanwhile.
 */
import type { SequenceIR } from '../../dsl/ir';
import type { Enrollment } from '../engine/model';
import type { PublishedSequence } from '../hosts/live/runtime-host';
import type { ContactStore, HistoryEntry, StoreBatch } from '../store/contact-store';
import { applyMigration } from './apply-migration';
import { planMigration, type ImpactReport } from './plan-migration';
import { publishedMeta } from './published-state';
import { nextWakeup } from './wake-ups';

export interface VersionChange {
  ir: SequenceIR;
  /** The running version, absent for a sequence published for the first time. */
  previous?: PublishedSequence;
}

export interface CommittedVersion {
  published: PublishedSequence;
  /** Absent for a first version (nobody is in flight on a sequence that did not exist). */
  report?: ImpactReport;
  moved: number;
}

/** Impact reports of these changes against the store's current states, without changing anything. */
export async function previewVersions(store: ContactStore, changes: VersionChange[], now: number): Promise<CommittedVersion[]> {
  const out: CommittedVersion[] = [];
  for (const c of changes) {
    const version = (c.previous?.version ?? 0) + 1;
    const entry: CommittedVersion = { published: { ir: c.ir, version }, moved: 0 };
    if (c.previous) {
      const enrollments = await store.enrollmentsInSequence(c.ir.id);
      entry.report = planMigration(c.previous.ir, c.ir, enrollments, { fromVersion: c.previous.version, toVersion: version, now });
    }
    out.push(entry);
  }
  return out;
}

export async function commitVersions(
  store: ContactStore, changes: VersionChange[], published: Map<string, PublishedSequence>, now: number,
): Promise<CommittedVersion[]> {
  const result = await previewVersions(store, changes, now);
  const migrated = new Map<string, Enrollment[]>(); // contact → its migrated enrollments, by sequence
  const history: HistoryEntry[] = [];
  for (const [i, c] of changes.entries()) {
    if (!c.previous) continue;
    const enrollments = await store.enrollmentsInSequence(c.ir.id);
    const m = applyMigration(c.previous.ir, c.ir, enrollments, { fromVersion: c.previous.version, toVersion: result[i].published.version, now });
    for (const e of m.enrollments) migrated.set(e.contactId, [...(migrated.get(e.contactId) ?? []), e]);
    history.push(...m.history);
    result[i].moved = new Set(m.history.map((h) => h.contact)).size;
  }
  const all = new Map(published);
  for (const r of result) all.set(r.published.ir.id, r.published);
  const batch: StoreBatch = { enrollments: [], wakeups: [], history, meta: publishedMeta(all) };
  const current = await store.getEnrollments([...migrated.keys()]);
  for (const [contactId, replaced] of migrated) {
    const ids = new Set(replaced.map((e) => e.sequenceId));
    // Keep the contact's enrollments in other sequences, and its order of enrollments.
    const before = current.get(contactId) ?? [];
    const queue = new Map([...ids].map((id) => [id, replaced.filter((e) => e.sequenceId === id)]));
    const list = before.map((e) => (ids.has(e.sequenceId) ? queue.get(e.sequenceId)!.shift()! : e));
    batch.enrollments!.push({ contactId, enrollments: list });
    batch.wakeups!.push({ contactId, at: nextWakeup(list, now) });
  }
  await store.commit(batch);
  await store.flush();
  return result;
}
