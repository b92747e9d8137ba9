/**
 * Lead welcome series: a newsletter sign-up gets three welcome emails over
 * its first week, while the sales team is told about the lead during
 * business hours and a rep is assigned by round robin.
 */
import { sequence, start, note, defineForm, formSubmitted, purchased, linkClicked, apiGoal } from 'nudge';

/**
 * The public newsletter form: what a post may carry. A post for an address
 * already known only fills fields the contact has empty: the form is open
 * to anyone, so it never renames or re-tags an existing customer.
 */
const newsletterSignup = defineForm('newsletter-signup', {
  fields: { firstName: { maxLength: 100 }, lastName: { maxLength: 100 }, phone: { maxLength: 40 }, company: { maxLength: 200 } },
});

/** Marketing path: what the lead receives. */
const welcomeSeries = start('Welcome emails')
  .email({
    id: 'welcome-email',
    subject: 'Welcome to Acme Coffee, ~Contact.FirstName|friend~!',
    body: [
      '<p>Hi ~Contact.FirstName|there~,</p>',
      '<p>Thanks for joining our newsletter. Every week we share one brewing tip and one bean we love.</p>',
      '<p><a href="https://acme.test/book-demo">Book a free tasting call</a> with ~Owner.FirstName|our team~.</p>',
      '<p>~Account.Address~ · <a href="~Unsubscribe~">Unsubscribe</a></p>',
    ].join('\n'),
    from: 'hello@acme.test',
  })
  .delay('2d', { on: 'weekdays', at: '09:00', tz: 'contact' })
  .email({
    subject: 'Three brewing mistakes (and how to fix them)',
    body: 'Hi ~Contact.FirstName|there~, grind size matters more than you think...\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
  })
  .applyTag('Engaged-Lead')
  .delay('1w', { on: ['tue', 'thu'], between: ['10:00', '12:00'], tz: 'contact' })
  .email({
    subject: 'Your first bag is on us',
    body: 'Use code WELCOME at checkout, ~Contact.FirstName|friend~. Offer ends in 7 days.\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
  });

/** Staff path: notify sales, assign an owner, book a call. */
const salesNotification = start('Sales team')
  .delay('0m', { on: 'weekdays', between: ['09:00', '17:00'] })
  .email({
    to: ['sales@acme.test'],
    subject: 'New lead: ~Contact.FirstName~ ~Contact.LastName~',
    body: 'Email: ~Contact.Email|none~\nPhone: ~Contact.Phone1|none~\nCompany: ~Contact.Company|none~',
    label: 'Notify sales inbox',
  })
  .assignOwner({ roundRobin: ['u-ann', 'u-bob', 'u-cho'] }, { id: 'rotate-owner' })
  .setField('leadSource', 'Newsletter form')
  .email({
    to: 'owner',
    subject: 'You have a new lead: ~Contact.FirstName|someone~',
    body: 'Please call ~Contact.FirstName~ at ~Contact.Phone|(no phone)~ within one business day.',
  })
  .createTask({
    title: 'Intro call with ~Contact.FirstName|new lead~',
    description: 'Ask about brewing setup and volume; offer the tasting call.',
    due: '1d',
    priority: 'high',
  })
  .delay('90m')
  .applyNote({ subject: 'Lead routed to sales', body: 'Owner: ~Owner.FirstName~ ~Owner.LastName~', type: 'Other' });

export default sequence('lead-welcome', {
  name: 'Lead welcome series',
  startOn: formSubmitted(newsletterSignup),
  stopOn: [purchased(), apiGoal('lead-disqualified'), linkClicked('welcome-email', 'https://acme.test/book-demo')],
  notes: [
    note('Audience: newsletter sign-ups who have not bought yet.'),
    note('Goal: first purchase. A purchase, a disqualification or a demo booking stops the series.'),
  ],
  paths: [welcomeSeries, salesNotification],
});
