/**
 * Scenario files: a timed script of what happens to contacts during a dry
 * run (a form submitted at T, a tag applied, a purchase...), with its own
 * contacts and users. Parsed strictly: every mistake names the event index
 * and says how to fix it.
 *
 * {
 *   "start": "2026-12-01T14:00:00Z", "days": 30,          (optional; CLI flags win)
 *   "enrollAllAtStart": false,                            (default false: goals enroll)
 *   "contacts": [ ... ] | "contactsFile": "contacts.json",
 *   "users": [ ... ] | "usersFile": "users.json",
 *   "events": [
 *     { "at": "2026-12-01T15:00:00Z", "contact": "c01", "formSubmitted": "newsletter", "fields": { "firstName": "Ada" } },
 *     { "at": "...", "contact": "c02", "tagApplied": "Customer" },
 *     { "at": "...", "contact": "c03", "purchased": "starter-kit" } ...
 *   ]
 * }
 */
import type { GoalEvent } from '../../engine/goals';
import { NudgeError } from '../../../errors/nudge-error';
import type { Contact, User } from '../../engine/model';
import type { ScheduledInput } from './simulate';

export interface Scenario {
  start?: number;
  days?: number;
  enrollAllAtStart: boolean;
  contacts?: Contact[];
  contactsFile?: string;
  users?: User[];
  usersFile?: string;
  inputs: ScheduledInput[];
}

/** A scenario that is not well formed (NUDGE_ERR_SCENARIO); the caller names the file (NUDGE_ERR_SCENARIO_FILE). */
export class ScenarioError extends NudgeError<'NUDGE_ERR_SCENARIO'> {
  override name = 'ScenarioError';
  constructor(problem: string) {
    super('NUDGE_ERR_SCENARIO', { problem });
  }
}

const GOAL_KEYS = ['formSubmitted', 'purchased', 'purchaseFailed', 'linkClicked', 'apiGoal', 'event'] as const;
const EVENT_KEYS = new Set(['at', 'contact', 'fields', 'tagApplied', 'enroll', 'remove', 'unsubscribed', ...GOAL_KEYS]);

function parseInstant(value: unknown, where: string): number {
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new ScenarioError(`${where}: ${JSON.stringify(value)} is not an ISO instant; write e.g. "2026-12-01T14:00:00Z".`);
  return ms;
}

function str(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new ScenarioError(`${where} must be a non-empty string.`);
  return value;
}

function goalOf(key: (typeof GOAL_KEYS)[number], value: unknown, where: string): GoalEvent {
  switch (key) {
    case 'formSubmitted': return { kind: 'formSubmitted', formId: str(value, `${where}.formSubmitted`) };
    case 'purchased': return { kind: 'purchased', product: str(value, `${where}.purchased`) };
    case 'purchaseFailed': return { kind: 'purchaseFailed', product: str(value, `${where}.purchaseFailed`) };
    case 'apiGoal': return { kind: 'apiGoal', name: str(value, `${where}.apiGoal`) };
    case 'event': return { kind: 'event', name: str(value, `${where}.event`) };
    case 'linkClicked': {
      const v = (value ?? {}) as { stepId?: unknown; url?: unknown };
      if (typeof v !== 'object') throw new ScenarioError(`${where}.linkClicked must be an object like { "stepId": "email-welcome", "url": "https://..." }.`);
      return { kind: 'linkClicked', ...(v.stepId ? { stepId: str(v.stepId, `${where}.linkClicked.stepId`) } : {}), ...(v.url ? { url: str(v.url, `${where}.linkClicked.url`) } : {}) };
    }
  }
}

function parseEvent(raw: unknown, i: number): ScheduledInput {
  const where = `events[${i}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ScenarioError(`${where} must be an object with "at", "contact" and what happens.`);
  const ev = raw as Record<string, unknown>;
  for (const key of Object.keys(ev)) {
    if (!EVENT_KEYS.has(key)) throw new ScenarioError(`${where} has unknown key "${key}"; use one of: ${[...EVENT_KEYS].join(', ')}.`);
  }
  const input: ScheduledInput = { at: parseInstant(ev.at, `${where}.at`), contactId: str(ev.contact, `${where}.contact`) };
  if (ev.fields !== undefined) {
    if (!ev.fields || typeof ev.fields !== 'object' || Array.isArray(ev.fields)) throw new ScenarioError(`${where}.fields must be an object of field values.`);
    input.fields = ev.fields as Record<string, unknown>;
  }
  if (ev.tagApplied !== undefined) input.tagsApplied = [str(ev.tagApplied, `${where}.tagApplied`)];
  if (ev.enroll !== undefined) input.enroll = [str(ev.enroll, `${where}.enroll`)];
  if (ev.remove !== undefined) input.remove = [str(ev.remove, `${where}.remove`)];
  const goals = GOAL_KEYS.filter((k) => ev[k] !== undefined || (k === 'linkClicked' && 'linkClicked' in ev)).map((k) => goalOf(k, ev[k], where));
  // The person unsubscribes: the status the live host's unsubscribe command sets, and its goal.
  if (ev.unsubscribed !== undefined) {
    if (ev.unsubscribed !== true && ev.unsubscribed !== 'one-click') throw new ScenarioError(`${where}.unsubscribed must be true (an unsubscribe link) or "one-click" (the mailbox provider's button).`);
    input.fields = { ...input.fields, emailStatus: ev.unsubscribed === true ? 'unsubscribed' : 'list-unsubscribe' };
    goals.push({ kind: 'unsubscribed' });
  }
  if (goals.length > 0) input.goals = goals;
  if (!input.fields && !input.tagsApplied && !input.enroll && !input.remove && !input.goals) {
    throw new ScenarioError(`${where} says nothing happens: add one of tagApplied, ${GOAL_KEYS.join(', ')}, unsubscribed, enroll, remove or fields.`);
  }
  return input;
}

export function parseScenario(json: unknown): Scenario {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ScenarioError('A scenario is a JSON object with "events" (and optionally contacts, users, start, days).');
  const s = json as Record<string, unknown>;
  if (!Array.isArray(s.events)) throw new ScenarioError('The scenario needs an "events" array.');
  if (s.contacts !== undefined && !Array.isArray(s.contacts)) throw new ScenarioError('"contacts" must be an array of contact records.');
  if (s.users !== undefined && !Array.isArray(s.users)) throw new ScenarioError('"users" must be an array of users.');
  if (s.days !== undefined && (typeof s.days !== 'number' || !(s.days > 0))) throw new ScenarioError('"days" must be a positive number.');
  return {
    start: s.start === undefined ? undefined : parseInstant(s.start, 'start'),
    days: s.days as number | undefined,
    enrollAllAtStart: s.enrollAllAtStart === true,
    contacts: s.contacts as Contact[] | undefined,
    contactsFile: s.contactsFile === undefined ? undefined : str(s.contactsFile, 'contactsFile'),
    users: s.users as User[] | undefined,
    usersFile: s.usersFile === undefined ? undefined : str(s.usersFile, 'usersFile'),
    inputs: s.events.map(parseEvent).sort((a, b) => a.at - b.at),
  };
}
