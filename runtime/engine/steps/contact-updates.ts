/**
 * Process objects that change the contact itself: tags, field values, owner.
 * They edit the working copy so later steps of the same instant see it.
 */
import { fieldType } from '../../../dsl/contact-schema';
import { DONE, type Executor } from './step-run';

export const applyTag: Executor<'applyTag'> = (run) => {
  const { tag } = run.step.params;
  // The engine owns this array (states are copied on the way in), so it may grow in place.
  const tags = (run.contact.tags ??= []);
  if (tags.includes(tag)) return DONE;
  tags.push(tag);
  run.fireGoal({ kind: 'tagApplied', tag });
  return DONE;
};

export const removeTag: Executor<'removeTag'> = (run) => {
  const { tag } = run.step.params;
  const tags = run.contact.tags;
  const at = tags ? tags.indexOf(tag) : -1;
  if (at >= 0) tags!.splice(at, 1);
  return DONE;
};

const ADDRESS_FIELDS = new Set(['street', 'city', 'state', 'postalCode', 'country']);

export const setField: Executor<'setField'> = (run) => {
  const { field, value } = run.step.params;
  const type = fieldType(field, run.seq.ir.customFields);
  if (!type) return { status: 'failed', reason: `unknown field ${field}` };
  if (ADDRESS_FIELDS.has(field)) {
    run.contact.address = { ...(run.contact.address ?? {}), [field]: value ?? undefined };
  } else if (value === null) {
    delete run.contact[field];
  } else {
    run.contact[field] = value;
  }
  return DONE;
};

export const assignOwner: Executor<'assignOwner'> = (run) => {
  const p = run.step.params;
  let userId: string;
  if ('user' in p) {
    userId = p.user;
  } else {
    // Round robin: one counter per step, shared by every contact reaching it.
    const n = run.takeTurn(`${run.seq.ir.id}/${run.step.id}`);
    userId = p.roundRobin[n % p.roundRobin.length];
  }
  if (run.world.users.size > 0 && !run.world.users.has(userId)) {
    return { status: 'failed', reason: `unknown user ${userId}` };
  }
  run.contact.ownerId = userId;
  return DONE;
};
