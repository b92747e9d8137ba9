/**
 * Annual subscription renewal: reminders before the custom `renewalDate`,
 * loyalty points when the subscription starts, and a win-back after a lapse.
 */
import { sequence, defineContact, note, apiGoal, event } from 'nudge';

/** Custom fields this sequence reads and writes (Keap: Admin ▸ Custom fields). */
const contact = defineContact({
  renewalDate: 'date',
  trialEndsAt: 'datetime',
  loyaltyPoints: 'number',
  autoRenew: 'boolean',
  planName: 'string',
});

const reminders = contact.start('Renewal reminders')
  .setField('loyaltyPoints', 100, { id: 'welcome-points' })
  .setField('autoRenew', true)
  .setField('planName', 'Annual beans')
  .fieldTimer('renewalDate', { offset: '-1mo', occurrence: 'exact', at: '10:00', tz: 'contact' })
  .email({
    category: 'transactional',
    subject: 'Your ~Contact.PlanName~ plan renews next month',
    body: 'Hi ~Contact.FirstName|there~, your plan renews on ~Contact._RenewalDate~. Nothing to do if you want to keep it.',
  })
  .fieldTimer('renewalDate', { offset: '-3d', occurrence: 'exact', at: '10:00', tz: 'contact' })
  .email({
    category: 'transactional',
    subject: 'Renewal in 3 days',
    body: 'Your plan renews on ~Contact.RenewalDate~. Manage it at https://acme.test/account.',
  })
  .fieldTimer('renewalDate', { occurrence: 'exact', at: '06:00' })
  .setField('loyaltyPoints', 250)
  // Cleared until the billing system writes the next renewal date.
  .setField('renewalDate', null)
  .applyNote({ subject: 'Subscription renewed', type: 'Other' });

const trialEnd = contact.start('Trial end')
  .fieldTimer('trialEndsAt', { offset: '-2d', occurrence: 'exact' })
  .email({
    subject: 'Your trial ends soon',
    body: 'Keep your beans coming: your trial ends in two days.\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
  })
  .fieldTimer('trialEndsAt', { offset: '+1d', occurrence: 'exact' })
  .setField('autoRenew', false);

export default sequence('annual-renewal', {
  name: 'Annual subscription renewal',
  startOn: apiGoal('subscription-started'),
  stopOn: [event('subscription-cancelled')],
  reentry: 'never',
  notes: [note('renewalDate is written by the billing system; trialEndsAt holds the exact end of the trial.')],
  paths: [reminders, trialEnd],
});

/** Win-back for lapsed subscribers: two weeks and two months after the renewal date passed. */
export const winBack = sequence('renewal-win-back', {
  name: 'Lapsed subscription win-back',
  startOn: event('subscription-lapsed'),
  notes: [note('Started by the billing system when a renewal payment is not made.')],
  paths: [
    contact.start()
      .fieldTimer('renewalDate', { offset: '2w', occurrence: 'exact', at: '11:00' })
      .email({
        subject: 'We miss you, ~Contact.FirstName|friend~',
        body: 'Come back for 30% off your next year of ~Contact.PlanName|beans~.\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
      })
      .fieldTimer('renewalDate', { offset: '+2mo', occurrence: 'exact', at: '11:00', tz: 'contact' })
      .email({
        subject: 'Last chance: 30% off ends today',
        body: 'Your loyalty points expire today, ~Contact.FirstName|friend~.\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
      })
      .setField('loyaltyPoints', 0),
  ],
});
