/**
 * Refuses a malformed batch before any of it is applied, so a host bug
 * surfaces as one clear error instead of a half-applied step.
 */
import type { StoreBatch } from './contact-store';
import {
  checkConsentEntry,
  checkContact,
  checkEnrollment,
  checkHistoryEntry,
  checkOutboxItem,
  checkRecord,
  checkSuppressionEntry,
  checkWakeup,
  firstProblem,
  isObject,
} from './store-checks';

export function checkBatch(batch: StoreBatch): void {
  const problem =
    firstProblem('contacts', batch.contacts, checkContact) ??
    firstProblem('enrollments', batch.enrollments, (v) => {
      if (!isObject(v) || typeof v.contactId !== 'string' || !Array.isArray(v.enrollments)) {
        return 'must be { contactId, enrollments: Enrollment[] }';
      }
      const inner = firstProblem('enrollments', v.enrollments, checkEnrollment);
      if (inner !== undefined) return inner;
      const stranger = (v.enrollments as Array<{ contactId: string }>).find((e) => e.contactId !== v.contactId);
      return stranger === undefined ? undefined : `holds an enrollment of contact ${JSON.stringify(stranger.contactId)}`;
    }) ??
    firstProblem('wakeups', batch.wakeups, (v) => checkWakeup(v, true)) ??
    firstProblem('records', batch.records, (v) => checkRecord(v)) ??
    firstProblem('outbox', batch.outbox, checkOutboxItem) ??
    firstProblem('history', batch.history, checkHistoryEntry) ??
    firstProblem('consent', batch.consent, checkConsentEntry) ??
    firstProblem('suppress', batch.suppress, checkSuppressionEntry) ??
    firstProblem('unsuppress', batch.unsuppress, (v) => (typeof v === 'string' ? undefined : 'must be a hash (string)')) ??
    (batch.meta !== undefined && !isObject(batch.meta) ? 'meta must be an object' : undefined);
  if (problem !== undefined) throw new TypeError(`commit: ${problem}. Nothing of this batch was applied.`);
}
