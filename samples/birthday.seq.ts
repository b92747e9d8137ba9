/**
 * Birthday and customer-anniversary greetings: field timers on the standard
 * `birthday` and `anniversary` fields that come back every year.
 */
import { sequence, start, note, tagApplied, event } from 'nudge';

/** Every year: a coupon three days before the birthday, a greeting on the day. */
const birthdayGreetings = start('Birthday')
  .fieldTimer('birthday', { id: 'birthday-minus-3d', offset: '-3d', at: '09:00', tz: 'contact', repeat: 'yearly' })
  .email({
    subject: 'An early birthday present, ~Contact.FirstName|friend~',
    body: 'Your birthday is coming up! Here is 20% off anything in the shop this week: BDAY20.\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
  })
  .applyTag('Birthday-Coupon-Sent')
  .fieldTimer('birthday', { occurrence: 'next', at: '08:30', tz: 'contact' })
  .email({
    subject: 'Happy birthday, ~Contact.FirstName|friend~!',
    body: 'Everyone at Acme Coffee wishes you a wonderful day.\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
  })
  .delay('3d')
  .removeTag('Birthday-Coupon-Sent');

/** A reminder for the owner one week before, so the card arrives on time. */
const handwrittenCard = start('Card from your rep')
  .fieldTimer('birthday', { offset: '-1w', repeat: 'yearly' })
  .createTask({
    title: 'Send a birthday card to ~Contact.FirstName~ ~Contact.LastName~',
    description: 'Address: ~Contact.StreetAddress1~, ~Contact.City~ ~Contact.PostalCode~',
    due: '2d',
    priority: 'low',
  });

export default sequence('birthday', {
  name: 'Birthday greetings',
  startOn: tagApplied('Customer'),
  stopOn: event('unsubscribed'),
  runsUntilComplete: false,
  notes: [note('Runs for every customer, every year, until they unsubscribe. 29 February birthdays are greeted on 28 February in common years.')],
  paths: [birthdayGreetings, handwrittenCard],
});

/** Customer anniversary: one month before, a thank-you; on the day, a letter and a gift. */
export const anniversary = sequence('customer-anniversary', {
  name: 'Customer anniversary',
  startOn: tagApplied('Customer'),
  reentry: 'never',
  notes: ['Anniversary = the date the contact became a customer.'],
  paths: [
    start('Anniversary')
      .fieldTimer('anniversary', { offset: '-1mo', at: '10:00', repeat: 'yearly' })
      .email({
        subject: 'Another year together, ~Contact.FirstName|friend~',
        body: 'Next month marks another year since you joined us. Something is on its way to you.\n\n~Account.Address~\nUnsubscribe: ~Unsubscribe~',
      })
      .fieldTimer('anniversary', { offset: '2d', tz: 'Europe/London' })
      .letter({
        subject: 'Thank you for another year',
        body: 'Dear ~Contact.FirstName|customer~,\n\nThank you for another year with Acme Coffee.\n\n~Owner.FirstName~ ~Owner.LastName~',
      })
      .addToFulfillmentList('Anniversary mug', { id: 'anniversary-gift' }),
  ],
});
