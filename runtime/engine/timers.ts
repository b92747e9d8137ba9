/**
 * The engine's view of the three timers: where is the contact's zone, and
 * when does the timer fire (or why is it skipped), by the rules of
 * `./time` (SEMANTICS §2).
 */
import type { Step, StepOf } from '../../dsl/ir';
import { fieldType } from '../../dsl/contact-schema';
import type { Contact } from './model';
import { dateFireTime, delayFireTime, fieldFireTime, resolveZone, type TimerOutcome } from './time';
import type { EngineWorld } from './world';

export type TimerStep = StepOf<'delay'> | StepOf<'date'> | StepOf<'field'>;

export function isTimer(step: Step): step is TimerStep {
  return step.kind === 'delay' || step.kind === 'date' || step.kind === 'field';
}

/** A contact reaching a timer; the runner fills one object for every timer it reaches. */
export interface TimerReached {
  step: TimerStep;
  contact: Contact;
  reachedAt: number;
  /** The previous fire of a yearly field timer the path came back to. */
  repeatAfter: number | undefined;
  /** The sequence's custom fields (a field timer reads their types). */
  customFields: Record<string, string>;
}

/**
 * When the timer fires for a contact reaching it at `reachedAt`. A contact
 * zone that is not a real zone falls back to the account zone and is
 * reported in `errors` (the contact's data is wrong; the run goes on).
 */
export function timerOutcome(world: EngineWorld, reached: Readonly<TimerReached>, errors: string[]): TimerOutcome {
  const { step, contact, reachedAt, repeatAfter, customFields } = reached;
  const resolved = resolveZone(step.params.tz, { accountZone: world.accountZone, contactZone: contact.timezone });
  if (resolved.fellBack === 'invalid') {
    const bad = step.params.tz === 'contact' ? contact.timezone : step.params.tz;
    errors.push(`time zone ${JSON.stringify(bad)} is not a known IANA zone; used the account zone ${world.accountZone} (fix the contact's timezone field)`);
  }
  const zone = resolved.zone;
  switch (step.kind) {
    case 'delay':
      return { fireAt: delayFireTime(step.params, reachedAt, zone) };
    case 'date':
      return dateFireTime(step.params, reachedAt, zone);
    case 'field': {
      const type = fieldType(step.params.field, customFields as never);
      return fieldFireTime(step.params, contact[step.params.field], reachedAt, zone, {
        fieldType: type === 'date' || type === 'datetime' ? type : undefined,
        after: repeatAfter,
      });
    }
  }
}
