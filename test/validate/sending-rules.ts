/**
 * The rules every marketing email meets (unsubscribe link, postal address,
 * account address: NUDGE026-028, tested in unsubscribe-rules.test.ts and by
 * their fixtures). Tests of other rules write short marketing emails
 * without them and look past these findings.
 */
import type { Diagnostic } from '../../dsl/validate';

const SENDING_RULES = new Set(['NUDGE026', 'NUDGE027', 'NUDGE028']);

export const otherThanSendingRules = (found: Diagnostic[]): Diagnostic[] => found.filter((d) => !SENDING_RULES.has(d.code));
