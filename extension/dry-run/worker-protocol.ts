/**
 * Messages between the extension host and the dry-run worker thread
 * (dist/dry-run-worker.js). Everything here crosses a structured clone, so
 * it is plain data: the IR, file paths, numbers.
 */
import type { SequenceIR } from '../../dsl/ir';
import type { Contact, User } from '../../runtime/engine/model';
import type { DryRunView } from '../protocol';

/** Where the dry run's contacts come from (SEMANTICS §5 and `nudge simulate`'s --contacts/--scenario/--store). */
export interface ContactsSource {
  kind: 'contacts' | 'scenario' | 'store';
  /** Absolute path. */
  file: string;
}

/**
 * The population: files the worker reads itself (a store can be tens of MB,
 * and parsing it on the extension host's main thread would freeze the
 * editor), or contacts already in memory (tests, other callers).
 */
export type PopulationRequest =
  | { from: 'files'; source: ContactsSource; usersFile?: string }
  | { from: 'inline'; contacts: Contact[]; users?: User[] };

export interface DryRunRequest {
  /** Panel and report title, e.g. "Dry run of samples/lead-welcome.seq.ts". */
  title: string;
  sequences: SequenceIR[];
  population: PopulationRequest;
  /** Epoch ms. */
  start: number;
  until: number;
  /** IANA zone. */
  accountZone: string;
  /** Shown in the canvas toolbar, e.g. "Dry run: contacts.json, 30 days". */
  label?: string;
}

/** Worker → host. */
export type DryRunWorkerReply =
  /** Virtual time covered so far, 0..1. */
  | { type: 'progress'; fraction: number }
  | { type: 'result'; view: DryRunView }
  /** An input problem (unreadable contacts file...) or a bug, already phrased for the user. */
  | { type: 'error'; message: string; /** For the log: set when the failure looks like a bug rather than an input problem. */ stack?: string };
