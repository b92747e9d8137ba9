/** A sequence that uses every step kind, timer option and goal, built as an author would write it. */
import {
  apiGoal, defineContact, event, formSubmitted, linkClicked, note, purchased, purchaseFailed, sequence, tagApplied,
} from 'nudge';

const contact = defineContact({ leadScore: 'number', renewalDate: 'date', vip: 'boolean' });

export const everything = sequence('showcase', {
  name: 'Every object',
  startOn: [tagApplied('Lead'), formSubmitted('newsletter')],
  stopOn: [purchased(), purchaseFailed('starter-kit'), linkClicked('email-welcome-messages', 'https://acme.test/demo'), apiGoal('trial-converted'), event('unsubscribed')],
  runsUntilComplete: true,
  notes: [note('Audience: newsletter sign-ups\nGoal: first purchase'), 'Second note'],
  paths: [
    contact.start()
      .delay('2d', { on: 'weekdays', at: '09:00', tz: 'contact' })
      .delay('2h', { between: ['09:00', '17:00'] })
      .delay('0m', { on: 'weekdays', between: ['09:00', '17:00'] })
      .delay('90m')
      .delay('1w', { on: ['mon', 'wed'], tz: 'Europe/Paris' })
      .waitUntil('2026-12-24')
      .waitUntil('2026-11-27', { until: '2026-11-30', at: '08:00', tz: 'contact' })
      .fieldTimer('birthday', { offset: '-3d', at: '09:00', repeat: 'yearly' })
      .fieldTimer('renewalDate', { occurrence: 'exact' })
      .fieldTimer('anniversary', { offset: '1mo', tz: 'contact' }),
    contact.start('Messages')
      .email({ subject: 'Welcome, ~Contact.FirstName~', body: 'Hi' })
      .email({ to: 'owner', subject: 'New lead: ~Contact.Email~', body: '...' })
      .email({ to: ['sales@acme.test', 'ops@acme.test'], subject: 'Heads up', body: '...' })
      .email({ subject: '', body: 'No subject at all', id: 'blank-subject' })
      .fax({ subject: 'Your quote', body: 'Dear ~Contact.FirstName~' })
      .letter({ body: 'Dear ~Contact.FirstName~, thank you.' }),
    contact.start('Back office')
      .applyTag('Customer')
      .removeTag('Prospect')
      .applyNote({ subject: 'Became a customer', type: 'Other' })
      .createTask({ title: 'Welcome call', due: '1d' })
      .createTask({ title: 'Urgent call', due: '0m', priority: 'high', assignTo: 'u-ann' })
      .createAppointment({ title: 'Onboarding', in: '2d', at: '10:00', length: '45m' })
      .setField('leadSource', 'Webinar')
      .setField('leadScore', 10)
      .setField('vip', true)
      .setField('company', null)
      .assignOwner('u-ann')
      .assignOwner({ roundRobin: ['u-ann', 'u-bob'] })
      .createOpportunity({ title: 'Upsell', stage: 'Qualified', projectedRevenue: 1200 })
      .addToFulfillmentList('Welcome kit')
      .createOrder({ items: [{ product: 'refill-pack', price: 29 }, { product: 'mug' }], payment: 'autocharge' })
      .createOrder({ items: [{ product: 'refill-pack', quantity: 3 }], payment: 'payableInvoice', promoCode: 'SPRING' })
      .createOrder({ items: [{ product: 'starter-kit' }], payment: 'invoiceNoPayment' })
      .httpPost({ url: 'https://members.acme.test/hook', fields: { email: '~Contact.Email~' } })
      .httpPost({ url: 'http://crm.acme.test/api', fields: {}, format: 'json' })
      .applyTag('Labelled', { label: 'Mark as customer 🎉', id: 'labelled' }),
  ],
});
