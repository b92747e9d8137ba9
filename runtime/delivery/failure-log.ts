/**
 * What the server says about failed deliveries. Every failed attempt is
 * logged with its reason (warn while it will be retried, error once it
 * has failed for good), but one broken outbox folder fails every item the
 * same way: after the first line for a reason, further failures for that
 * reason are counted and summed up at most once a minute, so a backlog
 * of thousands does not flood the log.
 *
 * Failures of the file system (the outbox folder not writable, the disk
 * full) are also kept as `problem()` for `/health`, until an item of the
 * same kind is delivered again.
 */
import type { OutboxItem } from '../store/contact-store';
import type { AttemptOutcome } from './delivery-worker';

export interface FailureLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const FILE_SYSTEM = /\b(EACCES|EPERM|EROFS|ENOSPC|EDQUOT|ENOTDIR|EISDIR|EMFILE|ENFILE|EIO)\b/;
const SUMMARY_EVERY_MS = 60_000;

export class DeliveryFailureLog {
  private readonly quiet = new Map<string, { since: number; more: number }>();
  private readonly fileProblems = new Map<string, string>();

  constructor(
    private readonly log: FailureLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The DeliveryWorker's `onAttempt`. */
  readonly attempt = (item: OutboxItem, outcome: AttemptOutcome): void => {
    const kind = item.effect.type;
    if (outcome.sent) {
      this.fileProblems.delete(kind);
      return;
    }
    const fileSystem = FILE_SYSTEM.test(outcome.reason);
    if (fileSystem) this.fileProblems.set(kind, `${kind} delivery cannot write its files: ${outcome.reason}`);
    const key = `${kind}\u0000${outcome.reason}`;
    const seen = this.quiet.get(key);
    const now = this.now();
    if (seen !== undefined && now - seen.since < SUMMARY_EVERY_MS) {
      seen.more++;
      return;
    }
    const more = seen?.more ?? 0;
    this.quiet.set(key, { since: now, more: 0 });
    if (this.quiet.size > 1000) this.quiet.delete(this.quiet.keys().next().value!);
    const details = { key: item.key, kind, attempts: item.attempts + 1, reason: outcome.reason, sameReasonSinceLastLine: more, ...(outcome.retryInMs === undefined ? {} : { retryInMs: outcome.retryInMs }) };
    const what = fileSystem ? 'the outbox folder cannot be written' : 'delivery failed';
    if (outcome.retryInMs === undefined) this.log.error(details, `${what}: ${outcome.reason}; the item is marked failed`);
    else this.log.warn(details, `${what}: ${outcome.reason}; retried in ${Math.round(outcome.retryInMs / 1000)} s`);
  };

  /** A file-system failure of delivery not cleared by a later success, for /health; null if none. */
  problem(): string | null {
    const problems = [...this.fileProblems.values()];
    return problems.length === 0 ? null : problems.join('; ');
  }
}
