/**
 * Everything the engine reads besides one contact's state: the published
 * sequences, the staff users, the account zone and business details, and
 * the round-robin counters shared by all contacts (the one piece of
 * cross-contact state, which hosts persist between runs).
 */
import type { SequenceIR } from '../../dsl/ir';
import type { User } from './model';
import { buildMergeCatalog, type AccountInfo, type MergeCatalog } from './merge';

export interface CompiledSequence {
  ir: SequenceIR;
  version: number;
  catalog: MergeCatalog;
}

export interface EngineWorld {
  accountZone: string;
  /** The business's name and postal address, for `~Account.Name~` and `~Account.Address~`. */
  account: AccountInfo;
  /** Sorted by id: the deterministic order of same-instant work. */
  sequences: CompiledSequence[];
  byId: Map<string, CompiledSequence>;
  users: Map<string, User>;
  /**
   * Round-robin position per `sequenceId/stepId`, as the host persisted it.
   * The engine only reads it and returns what it advanced (`InstantResult.roundRobin`).
   */
  roundRobin: Map<string, number>;
  /** Goal hops allowed per contact per instant (SEMANTICS §3). */
  maxHops: number;
}

export interface WorldOptions {
  accountZone?: string;
  account?: AccountInfo;
  users?: User[];
  roundRobin?: Record<string, number>;
  versions?: Record<string, number>;
}

export function createWorld(sequences: SequenceIR[], options: WorldOptions = {}): EngineWorld {
  const compiled = [...sequences]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((ir): CompiledSequence => ({
      ir, version: options.versions?.[ir.id] ?? 1, catalog: buildMergeCatalog(ir.customFields),
    }));
  return {
    accountZone: options.accountZone ?? 'UTC',
    account: options.account ?? {},
    sequences: compiled,
    byId: new Map(compiled.map((s) => [s.ir.id, s])),
    users: new Map((options.users ?? []).map((u) => [u.id, u])),
    roundRobin: new Map(Object.entries(options.roundRobin ?? {})),
    maxHops: 100,
  };
}

