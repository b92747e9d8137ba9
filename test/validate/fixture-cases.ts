/**
 * One failing fixture per rule (test/fixtures/<rule-name>.seq.ts): the one
 * diagnostic it must produce, and words its message must contain. The line
 * is the line of the fixture marked `// expect <code>`.
 */
export interface FixtureCase {
  fixture: string;
  code: string;
  severity: 'error' | 'warning';
  /** Undefined for findings about the sequence itself or a path. */
  stepId?: string;
  words: string[];
  /** The account of nudge.config.json the check knows (NUDGE031); absent: not known. */
  account?: { name?: string; address?: string };
}

export const FIXTURE_CASES: FixtureCase[] = [
  { fixture: 'duplicate-step-id', code: 'NUDGE001', severity: 'error', stepId: 'welcome', words: ['"welcome"', 'used twice', 'line 9, column 8', 'different id'] },
  { fixture: 'unknown-merge-field', code: 'NUDGE002', severity: 'error', stepId: 'email-welcome', words: ['~Contact.Fristname~', '(subject)', 'Did you mean ~Contact.FirstName~?'] },
  { fixture: 'empty-time-window', code: 'NUDGE003', severity: 'error', stepId: 'wait-0m', words: ["['17:00', '09:00']", 'start must be before its end', 'Swap'] },
  { fixture: 'date-passed', code: 'NUDGE004', severity: 'warning', stepId: 'until-2025-11-28', words: ['2025-11-28 to 2025-12-01', 'already passed', 'UTC-12', 'Move the date'] },
  { fixture: 'path-ends-in-timer', code: 'NUDGE005', severity: 'warning', stepId: 'wait-3d-staff', words: ['Path 2 ("Staff")', 'ends with timer "wait-3d-staff"', 'remove the timer'] },
  { fixture: 'repeat-misuse', code: 'NUDGE006', severity: 'error', stepId: 'wait-52w', words: ['delay timer', 'only field timers repeat', "fieldTimer("] },
  { fixture: 'http-post-url', code: 'NUDGE007', severity: 'error', stepId: 'post-ftp-members-acme-test-hook', words: ['ftp://members.acme.test/hook', "scheme 'ftp'", 'https://'] },
  { fixture: 'http-post-port', code: 'NUDGE008', severity: 'warning', stepId: 'post-hooks-acme-test-8443-lead', words: ['port 8443', 'ports 80 and 443', "remove ':8443'"] },
  { fixture: 'empty-message', code: 'NUDGE009', severity: 'error', stepId: 'reminder', words: ['Email "reminder"', 'empty subject', "subject: '...'"] },
  { fixture: 'no-start-path', code: 'NUDGE010', severity: 'warning', words: ['"win-back"', 'no start path', 'paths: [start()'] },
  { fixture: 'no-start-goal', code: 'NUDGE011', severity: 'warning', words: ['"referral-thanks"', 'no start goal', 'only the API', 'startOn: tagApplied('] },
  { fixture: 'unknown-field', code: 'NUDGE012', severity: 'error', stepId: 'field-birthdy-3d-before', words: ['"birthdy"', '(fieldTimer)', 'Did you mean "birthday"?'] },
  { fixture: 'field-timer-not-date', code: 'NUDGE013', severity: 'error', stepId: 'field-leadsource-7d-before', words: ['"leadSource", a string field', 'date or datetime field'] },
  { fixture: 'set-field-type', code: 'NUDGE014', severity: 'error', stepId: 'set-renewaldate', words: ['"renewalDate", a date field', '"2026-02-30"', 'real calendar date'] },
  { fixture: 'unknown-time-zone', code: 'NUDGE015', severity: 'error', stepId: 'wait-1d', words: ['"America/New_Yrok"', 'Did you mean "America/New_York"?'] },
  { fixture: 'duplicate-sequence-id', code: 'NUDGE016', severity: 'error', words: ['"welcome"', 'line 4, column 24', '"Welcome (newsletter)"', 'its own id'] },
  { fixture: 'no-allowed-day', code: 'NUDGE017', severity: 'error', stepId: 'until-2026-12-26', words: ['2026-12-26 to 2026-12-27', 'on: "weekdays"', 'never fires'] },
  { fixture: 'link-goal-step', code: 'NUDGE018', severity: 'error', words: ['linkClicked("email-book-a-dem") in stopOn', 'Did you mean "email-book-a-demo"?'] },
  { fixture: 'date-range-reversed', code: 'NUDGE019', severity: 'error', stepId: 'until-2026-11-30', words: ["until: '2026-11-27'", "'2026-11-30'", 'Swap'] },
  { fixture: 'empty-path', code: 'NUDGE020', severity: 'warning', words: ['Path 2 ("Staff")', 'no steps'] },
  { fixture: 'set-field-read-only', code: 'NUDGE021', severity: 'error', stepId: 'set-ownerid', words: ['"ownerId"', 'assignOwner('] },
  { fixture: 'repeat-exact', code: 'NUDGE022', severity: 'warning', stepId: 'field-renewaldate-30d-before', words: ["occurrence: 'exact'", "occurrence: 'next'"] },
  { fixture: 'stop-goals-ignored', code: 'NUDGE023', severity: 'warning', words: ['"onboarding"', 'runsUntilComplete: true', 'never remove anyone'] },
  { fixture: 'merged-link-target', code: 'NUDGE024', severity: 'error', stepId: 'review-ready', words: ['Email "review-ready" (body)', 'starts with the merge field ~Contact.Website~', 'path or query'] },
  { fixture: 'unsafe-key-name', code: 'NUDGE025', severity: 'error', stepId: 'fulfil-constructor', words: ['fulfillment list of step', '"constructor"', 'every JavaScript object already has', 'Choose another name'] },
  { fixture: 'email-category', code: 'NUDGE026', severity: 'error', stepId: 'new-lead', words: ['Email "new-lead"', "marked 'marketing'", 'the owner', 'transactional'] },
  { fixture: 'form-field', code: 'NUDGE027', severity: 'error', words: ['"newsletter-signup"', '"compnay"', 'Did you mean "company"?', 'defineContact'] },
  { fixture: 'form-conflict', code: 'NUDGE028', severity: 'error', words: ['"newsletter-signup"', 'declared differently', '"welcome"', 'line 4, column 24', 'same one'] },
  { fixture: 'no-unsubscribe-link', code: 'NUDGE029', severity: 'error', stepId: 'issue-1', words: ['Marketing email "issue-1"', 'no unsubscribe link', '<a href="~Unsubscribe~">Unsubscribe</a>', "category: 'transactional'"] },
  { fixture: 'no-postal-address', code: 'NUDGE030', severity: 'error', stepId: 'sale', words: ['Marketing email "sale"', 'postal address', '~Account.Address~', 'nudge.config.json'] },
  { fixture: 'no-account-address', code: 'NUDGE031', severity: 'error', stepId: 'tip-1', account: {}, words: ['"tips"', 'no postal address of the business is configured', '"account": { "name": "...", "address": "..." }'] },
];
