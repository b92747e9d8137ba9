/**
 * Delivery outcomes as per-step email figures: an email's first attempt
 * counts it `sent` (whatever the answer), an accepted attempt counts it
 * `delivered`. Bounces and complaints are counted where they are known
 * (the SMTP answer's handling, the bounce webhook), not guessed here.
 *
 * @example
 *   new DeliveryWorker({ store, clock, transports, onOutcome: emailOutcomeCounter(host, (err) => log.error({ err })) });
 */
import type { DeliveryOutcome } from '../../delivery/delivery-worker';
import type { EmailEventCount } from './email-tracking';

export function emailOutcomeCounter(
  host: { countEmailEvent(event: EmailEventCount): Promise<void> },
  onError: (error: unknown) => void,
): (outcome: DeliveryOutcome) => void {
  return ({ item, result }) => {
    const { effect } = item;
    if (effect.type !== 'email') return;
    const step = { sequenceId: effect.sequenceId, stepId: effect.stepId };
    if (item.attempts === 1) host.countEmailEvent({ ...step, event: 'sent' }).catch(onError);
    if (result === 'sent') host.countEmailEvent({ ...step, event: 'delivered' }).catch(onError);
  };
}
