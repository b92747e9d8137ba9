/**
 * Holiday promotion: a preview on 1 December, the sale in the week before
 * Christmas, a last call, and VIP access on the membership site for everyone
 * who joined the holiday list.
 *
 * Dated for the 2037 season (1 December a Tuesday, the sale Monday to
 * Friday) so the sample stays runnable for years; put your own season's
 * dates in. A test fails once any sample date comes within a year of today.
 */
import { sequence, start, note, tagApplied, event, purchased } from 'nudge';

const promoEmails = start('Promo emails')
  .waitUntil('2037-12-01', { id: 'preview-day', at: '08:00', tz: 'contact' })
  .email({
    subject: 'Sneak peek: our holiday blends, ~Contact.FirstName|friend~',
    body: 'Three limited roasts arrive on 14 December. Members get early access.\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
  })
  .waitUntil('2037-12-14', { until: '2037-12-18', on: 'weekdays', between: ['10:00', '16:00'], tz: 'contact' })
  .email({
    id: 'sale-open',
    subject: 'The holiday sale is open',
    body: '25% off all holiday blends until 24 December. <a href="https://acme.test/holiday">Shop now</a><p>~Account.Address~ · <a href="~Unsubscribe~">Unsubscribe</a></p>',
  })
  .waitUntil('2037-12-21', { until: '2037-12-23', on: ['mon', 'wed'], at: '18:00' })
  .email({
    subject: 'Last call for Christmas delivery',
    body: 'Order by 23 December, ~Contact.FirstName|friend~, and it arrives before Christmas.\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
  })
  .waitUntil('2038-01-04')
  .removeTag('Holiday-Promo');

const membership = start('Membership site')
  .httpPost({
    id: 'grant-vip',
    url: 'https://members.acme.test/api/vip-access',
    fields: {
      email: '~Contact.Email~',
      first_name: '~Contact.FirstName~',
      level: 'holiday-vip',
      expires: '2038-01-06',
    },
    format: 'json',
  })
  .applyTag('Holiday-VIP')
  .waitUntil('2038-01-06', { at: '00:00', tz: 'America/New_York' })
  .httpPost({
    url: 'http://members.acme.test:80/hooks/revoke',
    fields: { email: '~Contact.Email~', level: 'holiday-vip' },
  })
  .removeTag('Holiday-VIP');

export default sequence('seasonal-promo', {
  name: 'Holiday promo',
  startOn: [tagApplied('Holiday-Promo'), event('holiday-list-joined')],
  stopOn: purchased('holiday-blend-box'),
  notes: [note('Dates are in the contact\u2019s zone so the 08:00 preview lands at breakfast everywhere.')],
  paths: [promoEmails, membership],
});
