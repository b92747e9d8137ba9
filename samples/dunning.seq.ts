/**
 * Failed-payment dunning: when an autocharge fails, ask the customer to
 * update the card, then send a payable invoice, a fax and a letter, and
 * finally hand the account to a person. A successful payment stops it.
 */
import { sequence, start, note, purchaseFailed, purchased } from 'nudge';

const customer = start('Customer')
  .applyTag('Payment-Failed')
  .email({
    category: 'transactional',
    id: 'update-card',
    subject: 'Your payment did not go through',
    body: 'Hi ~Contact.FirstName|there~, please update your card at https://acme.test/billing so your beans keep coming.',
  })
  .delay('3d', { on: 'weekdays', at: '10:00', tz: 'account' })
  .createOrder({
    items: [{ product: 'monthly-subscription', quantity: 1, price: 24.5 }],
    payment: 'payableInvoice',
  })
  .email({
    category: 'transactional',
    subject: 'Invoice for your subscription',
    body: 'You can pay ~Order.Total~ here: ~Order.InvoiceUrl~',
  })
  .delay('4d', { on: 'weekdays', between: ['09:00', '12:00'] })
  .fax({
    subject: 'Payment reminder',
    body: 'To ~Contact.FirstName~ ~Contact.LastName~ (~Contact.Company|private customer~): invoice ~Order.Id~ is overdue. Call ~Owner.Phone~.',
  })
  .letter({
    id: 'final-notice-letter',
    body: 'Dear ~Contact.FirstName|customer~,\n\nYour subscription payment is overdue. Please contact us at ~Owner.Email~.',
  });

const staff = start('Account manager')
  .delay('12h', { on: 'weekdays', between: ['09:30', '18:00'], tz: 'Asia/Kolkata' })
  .assignOwner('u-dee', { label: 'Hand to collections' })
  .createTask({
    title: 'Call ~Contact.FirstName~ about the failed payment',
    assignTo: 'owner',
  })
  .delay('1w')
  .createOrder({
    items: [{ product: 'late-fee', price: 5 }],
    payment: 'invoiceNoPayment',
  })
  .applyNote({ subject: 'Dunning finished', body: 'Sent invoice, fax and letter.', type: 'Call' });

export default sequence('failed-payment', {
  name: 'Failed payment dunning',
  startOn: purchaseFailed('monthly-subscription'),
  stopOn: purchased('monthly-subscription'),
  notes: [note('Payment succeeds at any point: the contact leaves the sequence.')],
  paths: [customer, staff],
});
