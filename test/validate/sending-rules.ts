/**
 * The rules every marketing email meets (unsubscribe link, postal address,
 * account address: NUDGE029-031, tested in unsubscribe-rules.test.ts and by
 * their fixtures). Tests of other rules write short marketing emails
 * without them and look past these findings.
 */
import type { Diagnostic } from '../../dsl/validate';

const SENDING_RULES = new Set(['NUDGE029', 'NUDGE030', 'NUDGE031']);

export const otherThanSendingRules = (found: Diagnostic[]): Diagnostic[] => found.filter((d) => !SENDING_RULES.has(d.code));
