/**
 * After a starter-kit purchase: thank the customer, ship a welcome kit,
 * open an upsell opportunity with a check-in call, and set up the monthly
 * refill order.
 */
import { sequence, start, note, purchased } from 'nudge';

const customerEmails = start('Customer')
  .applyTag('Customer')
  .removeTag('Prospect')
  .email({
    category: 'transactional',
    id: 'thank-you',
    subject: 'Thank you for your order, ~Contact.FirstName|friend~',
    body: 'We received order ~Order.Id~ (~Order.Products~, total ~Order.Total~). Your starter kit ships within 2 days.',
  })
  .delay('2w', { on: 'any', at: '09:30', tz: 'contact' })
  .createOrder({
    id: 'refill-order',
    items: [
      { product: 'refill-pack', quantity: 2, price: 29 },
      { product: 'paper-filters' },
    ],
    payment: 'autocharge',
    promoCode: 'REFILL10',
  })
  .email({
    category: 'transactional',
    subject: 'Your first refill is on its way',
    body: 'We charged ~Order.Total~ to your card on file. Invoice: ~Order.InvoiceUrl~',
  });

const fulfilment = start('Fulfilment')
  .addToFulfillmentList('Starter kit welcome pack')
  .letter({
    subject: 'Welcome to the Acme Coffee club',
    body: 'Dear ~Contact.FirstName|friend~,\n\nEnclosed is your brewing guide.\n\nWarm regards,\n~Owner.FirstName|The Acme team~',
  });

const sales = start('Sales')
  .createOpportunity({
    title: 'Office subscription for ~Contact.Company|a home brewer~',
    stage: 'Qualified',
    assignTo: 'owner',
    products: ['office-subscription', 'grinder-pro'],
    projectedRevenue: 1200,
    notes: 'Bought a starter kit; ask about office volume.',
  })
  .createTask({
    title: 'Check-in call: ~Contact.FirstName~ ~Contact.LastName~',
    description: 'How is the starter kit? Mention the office subscription.',
    assignTo: 'u-bob',
    due: '3d',
    priority: 'medium',
  })
  .createAppointment({
    id: 'tasting-appointment',
    title: 'Tasting session with ~Contact.FirstName~',
    description: 'Bring the single-origin samples.',
    assignTo: 'u-ann',
    in: '5d',
    at: '14:00',
    length: '45m',
    location: 'Acme Coffee roastery, 12 Bean St',
  })
  .createAppointment({ title: 'Follow-up call', in: '2w', length: '1h' });

export default sequence('purchase-follow-up', {
  name: 'Starter kit purchase follow-up',
  startOn: purchased('starter-kit'),
  runsUntilComplete: true,
  notes: [
    note('Starts on a paid starter-kit order; runs until complete even if another purchase happens.'),
    note('Fulfilment exports the welcome-pack list to the warehouse every morning.'),
  ],
  paths: [customerEmails, fulfilment, sales],
});
