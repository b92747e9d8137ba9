/**
 * The stable table of diagnostic codes. A code never changes meaning and is
 * never reused; docs/diagnostics.md explains each one (a test keeps the two
 * in step). Each code has one severity, so a tool may filter on either.
 */
import type { Severity } from './diagnostic';

export interface RuleInfo {
  /** Kebab-case name; the failing example lives in test/fixtures/<name>.seq.ts. */
  name: string;
  severity: Severity;
  /** One line: what triggers it. */
  description: string;
}

export const RULES = {
  NUDGE001: { name: 'duplicate-step-id', severity: 'error', description: 'Two steps of a sequence have the same explicit id.' },
  NUDGE002: { name: 'unknown-merge-field', severity: 'error', description: 'A text names a merge field that is not in the merge catalogue.' },
  NUDGE003: { name: 'empty-time-window', severity: 'error', description: "A timer's `between` window does not start before it ends." },
  NUDGE004: { name: 'date-passed', severity: 'warning', description: "A date timer's whole date range is already in the past." },
  NUDGE005: { name: 'path-ends-in-timer', severity: 'warning', description: 'A start path ends with a timer, so nothing follows the wait.' },
  NUDGE006: { name: 'repeat-misuse', severity: 'error', description: "`repeat` on a delay or date timer, or a `repeat` other than 'yearly'." },
  NUDGE007: { name: 'http-post-url', severity: 'error', description: 'An HTTP POST URL is not a valid http:// or https:// URL.' },
  NUDGE008: { name: 'http-post-port', severity: 'warning', description: 'An HTTP POST URL names a port other than 80 or 443.' },
  NUDGE009: { name: 'empty-message', severity: 'error', description: 'An email has an empty subject or body, or a fax or letter an empty body.' },
  NUDGE010: { name: 'no-start-path', severity: 'warning', description: 'A sequence has no start path.' },
  NUDGE011: { name: 'no-start-goal', severity: 'warning', description: 'A sequence has no `startOn` goal, so only the API can enroll contacts.' },
  NUDGE012: { name: 'unknown-field', severity: 'error', description: 'A field timer or setField names a contact field that does not exist.' },
  NUDGE013: { name: 'field-timer-not-date', severity: 'error', description: 'A field timer waits on a field that is not a date or datetime field.' },
  NUDGE014: { name: 'set-field-type', severity: 'error', description: "A setField value does not match the field's type." },
  NUDGE015: { name: 'unknown-time-zone', severity: 'error', description: "A timer's `tz` is not 'account', 'contact' or a known IANA zone." },
  NUDGE016: { name: 'duplicate-sequence-id', severity: 'error', description: 'Two sequences checked together have the same id.' },
  NUDGE017: { name: 'no-allowed-day', severity: 'error', description: 'A timer can never fire: `on: []`, or a date range with none of the allowed weekdays.' },
  NUDGE018: { name: 'link-goal-step', severity: 'error', description: 'A linkClicked goal names a step that is not an email of the sequence.' },
  NUDGE019: { name: 'date-range-reversed', severity: 'error', description: "A date timer's `until` is before its date." },
  NUDGE020: { name: 'empty-path', severity: 'warning', description: 'A start path has no steps.' },
  NUDGE021: { name: 'set-field-read-only', severity: 'error', description: 'setField writes `ownerId` (only assignOwner may change it) or the email status (only the person and delivery events may).' },
  NUDGE022: { name: 'repeat-exact', severity: 'warning', description: "A field timer repeats yearly but uses occurrence 'exact', which happens once." },
  NUDGE023: { name: 'stop-goals-ignored', severity: 'warning', description: 'A sequence has `stopOn` goals and `runsUntilComplete: true`, so they never stop anyone.' },
  NUDGE024: { name: 'merged-link-target', severity: 'error', description: "A link in an HTML email starts with a merge field or has one in its scheme or host." },
  NUDGE025: { name: 'unsafe-key-name', severity: 'error', description: 'A list, tag, form, goal or custom field name is empty, has control characters, or is `__proto__`, `constructor`...' },
  NUDGE026: { name: 'email-category', severity: 'error', description: "An email's category is not 'marketing' or 'transactional', or a marketing email goes to staff." },
  NUDGE027: { name: 'form-field', severity: 'error', description: 'A form declaration accepts a field that is not a form field or a declared custom field, or lets a post update a field it does not accept.' },
  NUDGE028: { name: 'form-conflict', severity: 'error', description: 'Two sequences checked together declare the same form differently.' },
  NUDGE029: { name: 'no-unsubscribe-link', severity: 'error', description: 'A marketing email has no `~Unsubscribe~` link in its body.' },
  NUDGE030: { name: 'no-postal-address', severity: 'error', description: "A marketing email's body does not show the business's postal address (`~Account.Address~`)." },
  NUDGE031: { name: 'no-account-address', severity: 'error', description: 'A sequence sends marketing email but nudge.config.json has no `account.address`.' },
} as const satisfies Record<string, RuleInfo>;

export type DiagnosticCode = keyof typeof RULES;
