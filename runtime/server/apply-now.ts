/**
 * Something happened to a contact through the API: run it through the
 * host at the current instant. Due wake-ups run first, so a goal posted a
 * moment after a timer fell due (the wall-clock ticker runs once a second)
 * comes after that timer in history, as it would have in a dry run; and
 * again after, for anything the goal made due at once.
 */
import type { Contact } from '../engine/model';
import type { ConsentSource } from '../engine/consent';
import type { InstantInput, InstantResult } from '../engine/run-contact';
import type { RuntimeHost } from '../hosts/live/runtime-host';

export async function applyNow(host: RuntimeHost, contactId: string, input: InstantInput): Promise<InstantResult> {
  await host.runDue();
  const result = await host.apply(contactId, input);
  await host.runDue();
  return result;
}

/**
 * Creates the contact and runs `input` on it, due wake-ups before and after as `applyNow`; `undefined` if the id is taken.
 * `source` (the API, a form) is the first line of its consent ledger.
 */
export async function createNow(host: RuntimeHost, contact: Contact, input: InstantInput, source?: ConsentSource): Promise<InstantResult | undefined> {
  await host.runDue();
  const result = await host.create(contact, input, undefined, source);
  if (result) await host.runDue();
  return result;
}

/** Removes a tag from the contact, due wake-ups before and after as `applyNow`. */
export async function removeTagNow(host: RuntimeHost, contactId: string, tag: string): Promise<InstantResult> {
  await host.runDue();
  const result = await host.removeTag(contactId, tag);
  await host.runDue();
  return result;
}

/** What the goal routes answer: what the instant did to the contact, in short. */
export function summarise(result: InstantResult) {
  return {
    contactId: result.state.contact.id,
    steps: result.trace.map(({ position: _p, ...line }) => ({ ...line, time: new Date(line.time).toISOString() })),
    enrollments: result.state.enrollments.map((e) => ({ sequenceId: e.sequenceId, status: e.status, entry: e.entry })),
    errors: result.errors,
  };
}

export const summarySchema = {
  type: 'object',
  properties: {
    contactId: { type: 'string' },
    steps: { type: 'array', items: { type: 'object', additionalProperties: true } },
    enrollments: {
      type: 'array',
      items: { type: 'object', properties: { sequenceId: { type: 'string' }, status: { type: 'string' }, entry: { type: 'integer' } } },
    },
    errors: { type: 'array', items: { type: 'string' } },
  },
} as const;
