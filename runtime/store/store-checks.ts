/**
 * Shape checks shared by `commit` (a host bug must fail before anything is
 * applied, never leave half a batch behind) and by opening a store file
 * (a hand-edited or damaged file must be refused, never half loaded).
 * Each check returns what is wrong with one item, or `undefined`.
 */
import { EMAIL_STATUSES, isEmailStatus } from '../engine/email-status';
import { RECORD_TYPES } from './record-index';

type Check = (v: unknown) => string | undefined;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isId = (v: unknown): boolean => typeof v === 'string' && v !== '';
const isInstant = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

export const checkContact: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  if (!isId(v.id)) return 'id must be a non-empty string';
  return undefined;
};

export const checkUser = checkContact;

export const checkEnrollment: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  if (!isId(v.contactId)) return 'contactId must be a non-empty string';
  if (!isId(v.sequenceId)) return 'sequenceId must be a non-empty string';
  if (!Array.isArray(v.paths)) return 'paths must be an array';
  return undefined;
};

export const checkWakeup = (v: unknown, allowNull: boolean): string | undefined => {
  if (!isObject(v)) return 'must be an object';
  if (!isId(v.contactId)) return 'contactId must be a non-empty string';
  if (!(isInstant(v.at) || (allowNull && v.at === null))) {
    return `at must be an instant in UTC milliseconds${allowNull ? ' or null' : ''}`;
  }
  return undefined;
};

export const checkRecord = (v: unknown, expectedType?: string): string | undefined => {
  if (!isObject(v)) return 'must be an object';
  if (!RECORD_TYPES.includes(v.type as never)) return `type must be one of ${RECORD_TYPES.join(', ')}`;
  if (expectedType !== undefined && v.type !== expectedType) return `type must be ${JSON.stringify(expectedType)}`;
  if (!isId(v.contactId)) return 'contactId must be a non-empty string';
  if (v.type === 'fulfillment') return isId(v.list) ? undefined : 'list must be a non-empty string';
  if (!isId(v.id)) return 'id must be a non-empty string';
  return undefined;
};

export const checkOutboxItem: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  if (!isId(v.key)) return 'key must be a non-empty string';
  if (!isObject(v.effect) || !isId(v.effect.contactId)) return 'effect must be an object with a contactId';
  if (!['pending', 'sent', 'failed'].includes(v.status as string)) return 'status must be pending, sent or failed';
  if (typeof v.attempts !== 'number') return 'attempts must be a number';
  return undefined;
};

export const checkHistoryEntry: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  if (!isId(v.contact)) return 'contact must be a non-empty string';
  if (!isInstant(v.time)) return 'time must be an instant in UTC milliseconds';
  return undefined;
};

const CONSENT_EVENTS = ['created', 'confirmed', 'unsubscribed', 'hard-bounce', 'soft-bounce', 'complaint', 'suppressed', 'address-changed'];

export const checkConsentEntry: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  if (!isId(v.contactId)) return 'contactId must be a non-empty string';
  if (!isInstant(v.at)) return 'at must be an instant in UTC milliseconds';
  if (!CONSENT_EVENTS.includes(v.event as string)) return `event must be one of ${CONSENT_EVENTS.join(', ')}`;
  if (!isEmailStatus(v.status)) return `status must be one of ${EMAIL_STATUSES.join(', ')}`;
  if (!isObject(v.source) || !isId(v.source.kind)) return 'source must be an object with a kind';
  return undefined;
};

export const checkSuppressionEntry: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  if (typeof v.hash !== 'string' || !/^[0-9a-f]{64}$/.test(v.hash)) return 'hash must be a SHA-256 in lower-case hex';
  if (!isEmailStatus(v.status)) return `status must be one of ${EMAIL_STATUSES.join(', ')}`;
  if (!isInstant(v.at)) return 'at must be an instant in UTC milliseconds';
  if (!isId(v.source)) return 'source must be a non-empty string';
  return undefined;
};

/** The first problem in a list, as `name[i]: what`, or `undefined`. */
export function firstProblem(name: string, items: unknown, check: Check): string | undefined {
  if (items === undefined) return undefined;
  if (!Array.isArray(items)) return `${name} must be an array`;
  for (let i = 0; i < items.length; i++) {
    const p = check(items[i]);
    if (p !== undefined) return `${name}[${i}]: ${p}`;
  }
  return undefined;
}

export { isObject };
