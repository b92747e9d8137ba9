/** What the publisher takes, logs and reports (see sequence-publisher.ts). */
import type { RuntimeHost } from '../hosts/live/runtime-host';
import type { CheckedFile, FileDiagnostic } from '../../dsl/check/check-file';
import type { CommittedVersion } from './commit-versions';
import type { ImpactReport } from './plan-migration';

export interface PublishLogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  file?: string;
  sequenceId?: string;
  version?: number;
  report?: ImpactReport;
  diagnostics?: FileDiagnostic[];
}

export interface PublisherOptions {
  dir: string;
  host: RuntimeHost;
  /** Called for every publish, rejected file and deleted file (the server passes pino's). */
  log?: (entry: PublishLogEntry) => void;
  accountZone?: string;
  /**
   * The server's account (nudge.config.json), judged by NUDGE031; absent:
   * the server has none and sends nothing real, so the rule is not judged.
   */
  account?: { name?: string; address?: string };
  /** Run TypeScript's type check too, like `nudge check` (default false: slower per save). */
  typecheck?: boolean;
  /** Quiet time after the last save of a file before it is loaded (ms, default 150). */
  debounceMs?: number;
  loadTimeoutMs?: number;
}

export interface FileStatus {
  file: string;
  state: 'ok' | 'errors' | 'deleted';
  diagnostics: FileDiagnostic[];
  /** The file's sequences and the version of each that is running. */
  sequences: Array<{ id: string; version: number }>;
  checkedAt: number;
}

export interface PublishOutcome {
  files: CheckedFile[];
  /** New versions (published, or only planned by `preview`), with their impact reports. */
  versions: CommittedVersion[];
}
