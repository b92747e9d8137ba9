/**
 * The data the engine works on: contacts, staff users, enrollments and the
 * records steps create. All plain JSON, so stores can keep them as they are.
 */
import type { EmailStatus } from './email-status';

export interface PostalAddress {
  street?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

/** A contact record. Standard fields are named; custom fields sit beside them. */
export interface Contact {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  fax?: string;
  company?: string;
  timezone?: string;
  birthday?: string;
  anniversary?: string;
  address?: PostalAddress;
  ownerId?: string;
  tags?: string[];
  /** Card on file for autocharge; the sandbox gateway declines `{ decline: true }`. */
  card?: { last4?: string; decline?: boolean };
  /** Whether marketing email may go to `email` (email-status.ts); absent: `unconfirmed`. */
  emailStatus?: EmailStatus;
  /** Soft bounces of `email` so far; at SOFT_BOUNCE_LIMIT the status becomes `soft-bounce`. */
  emailSoftBounces?: number;
  [field: string]: unknown;
}

/** A staff user: owner of contacts, assignee of tasks, appointments and opportunities. */
export interface User {
  id: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  signature?: string;
}

/**
 * The tags of a record as the engine can use them: only strings, and none
 * when `tags` is not a list (the rule of the contacts-file check, so a bad
 * record behaves the same however it reaches the engine).
 */
export function usableTags(tags: unknown): string[] {
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

export type PathStatus = 'running' | 'waiting' | 'ended';

/** Where one start path of one enrollment stands. */
export interface PathState {
  /** Index of the next step to run (or the timer being waited on). */
  pos: number;
  /** Step id at `pos`, so a new sequence version can find the contact's place. */
  stepId: string | null;
  status: PathStatus;
  /** Fire instant of the timer at `pos` while waiting. */
  wakeAt?: number;
  /** Set after a skipped timer: following steps are skipped until a live timer. */
  skipping?: boolean;
  /** A `repeat: 'yearly'` field timer this path returns to, and its last fire instant. */
  repeat?: { pos: number; stepId?: string; lastFireAt: number };
  /** How many times the path came back to its repeating timer (part of idempotency keys). */
  occurrence: number;
  /**
   * The autocharge this path waits on (status `waiting`, no `wakeAt`): the
   * order step at `pos` resumes when the host feeds back the gateway's answer.
   */
  charge?: PendingCharge;
}

/** An order step's charge, sent to the host (`InstantResult.charge`) and not yet answered. */
export interface PendingCharge {
  /** The step's idempotency key: the gateway's key, the same on every retry and restart. */
  key: string;
  orderId: string;
  total: number;
  /** Instant the order step ran. */
  at: number;
  /** Goal hops of that instant so far: an answer at the same instant goes on counting from here. */
  hops: number;
}

/**
 * The order behind `~Order.…~` merge fields: the last order this enrollment
 * created, or the order whose purchase goal started it.
 */
export interface OrderSummary {
  /** The record key (internal). */
  id: string;
  /** What `~Order.Id~` renders: `orderPublicId(id)`. */
  publicId: string;
  total: number;
  products: string[];
}

export type EnrollmentStatus = 'active' | 'completed' | 'stopped' | 'removed';

export interface Enrollment {
  sequenceId: string;
  sequenceVersion: number;
  contactId: string;
  /** 1 for the first entry into this sequence, 2 after a re-entry... */
  entry: number;
  enteredAt: number;
  status: EnrollmentStatus;
  leftAt?: number;
  paths: PathState[];
  order?: OrderSummary;
}

export type StepStatus = 'done' | 'skipped' | 'failed';

/**
 * What a goal did to one sequence (SEMANTICS §5): the contact entered it
 * (`startOn`), was stopped in it (`stopOn`), or matched its `startOn` but
 * could not enter (`reason`). A dry-run line of kind `goal`; not a step.
 */
export interface GoalLine {
  time: number;
  contact: string;
  sequence: string;
  goal: 'entered' | 'stopped' | 'not enrolled';
  /** The goal, in words: `tag "Lead" applied`, `purchased "starter-kit"`. */
  cause: string;
  reason?: string;
}

/** One line of the dry run's output (SEMANTICS §5), also the runtime's history. */
export interface TraceEvent {
  time: number;
  contact: string;
  sequence: string;
  path: number;
  step: string;
  kind: string;
  status: StepStatus;
  reason?: string;
  /** Step position in its path, for the deterministic order of same-instant lines. */
  position: number;
}
