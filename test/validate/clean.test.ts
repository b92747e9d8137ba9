/**
 * A sequence without mistakes, using every step kind, produces no
 * diagnostics; findings come per sequence and in source order.
 */
import { describe, expect, it } from 'vitest';
import {
  apiGoal, defineContact, formSubmitted, linkClicked, note, purchased, sequence, start, tagApplied,
} from 'nudge';
import { hasErrors, validateSequences } from '../../dsl/validate';
import { otherThanSendingRules } from './sending-rules';

const NOW = new Date('2026-03-01T12:00:00Z');
const contact = defineContact({ leadScore: 'number', renewalDate: 'date', lastSeen: 'datetime', vip: 'boolean' });

const everything = sequence('everything', {
  name: 'Every object',
  startOn: [formSubmitted('signup'), linkClicked('email-hello')],
  stopOn: [purchased('starter-kit'), linkClicked('email-hello', 'https://acme.test/buy'), apiGoal('converted')],
  notes: [note('For sign-ups'), 'Goal: first purchase'],
  paths: [
    contact.start('Marketing')
      .email({ subject: 'Hello ~Contact.FirstName|there~', body: 'From ~Owner.FirstName~ at ~Contact._LeadScore~\n~Account.Name~, ~Account.Address~. Unsubscribe: ~Unsubscribe~', from: '~Owner.Email~' })
      .delay('2d', { on: 'weekdays', between: ['09:00', '17:00'], tz: 'contact' })
      .waitUntil('2026-11-27', { until: '2026-11-30', on: ['fri', 'mon'], at: '08:00', tz: 'Europe/Paris' })
      .fieldTimer('renewalDate', { offset: '-1mo', at: '09:00', tz: 'account', repeat: 'yearly' })
      .fax({ subject: 'Quote', body: 'Dear ~Contact.LastName~' })
      .letter({ body: 'Dear ~Contact.FirstName~, ~Contact.StreetAddress1~' })
      .applyTag('Customer')
      .removeTag('Prospect')
      .applyNote({ subject: 'Bought ~Order.Products~', body: 'Total ~Order.Total~', type: 'Other' })
      .createTask({ title: 'Call ~Contact.FirstName~', description: '~Contact.Phone1~', due: '1d', priority: 'high' })
      .createAppointment({ title: 'Onboarding', in: '2d', at: '10:00', length: '45m', location: '~Contact.City~' }),
    contact.start('Sales')
      .setField('leadScore', 50)
      .setField('renewalDate', '2027-02-28')
      .setField('lastSeen', '2026-03-01T09:30:00+01:00')
      .setField('vip', true)
      .setField('leadSource', '~Contact.Company~')
      .setField('company', null)
      .assignOwner({ roundRobin: ['u-ann', 'u-bob'] })
      .createOpportunity({ title: 'Upsell ~Contact.Company~', stage: 'Qualified', notes: '~Contact.Email~', projectedRevenue: 1200 })
      .addToFulfillmentList('Welcome kit')
      .createOrder({ items: [{ product: 'refill-pack', price: 29 }], payment: 'autocharge' })
      .httpPost({ url: 'http://members.acme.test:80/hook?src=~Contact.LeadSource~', fields: { email: '~Contact.Email~' }, format: 'json' })
      .email({ to: ['sales@acme.test'], subject: 'New lead ~Contact.Email~', body: 'Score ~Contact.LeadScore~' }),
  ],
});

describe('a clean sequence', () => {
  it('produces no diagnostics, whatever the account zone', () => {
    expect(validateSequences([everything], { now: NOW })).toEqual([]);
    expect(validateSequences([everything], { now: NOW, accountZone: 'Pacific/Kiritimati' })).toEqual([]);
    expect(validateSequences([everything], { now: NOW, account: { address: '1 Main St, Springfield' } })).toEqual([]);
  });

  it('a minimal one too', () => {
    const minimal = sequence('minimal', {
      name: 'Minimal', startOn: tagApplied('Lead'), paths: [start().email({ subject: 'Hi', body: 'Hello. ~Account.Address~ ~Unsubscribe~' })],
    });
    expect(validateSequences([minimal])).toEqual([]);
    expect(hasErrors([])).toBe(false);
  });
});

describe('order of findings', () => {
  it('follows the input sequences, then the position in the file', () => {
    const a = sequence('a', {
      name: 'A',
      paths: [start().email({ subject: '', body: 'x' }).delay('1d')],
    });
    const b = sequence('b', { name: 'B', startOn: tagApplied('x'), paths: [start().email({ subject: 'x', body: '~Contact.Nope~' })] });
    const found = otherThanSendingRules(validateSequences([a, b]));
    expect(found.map((d) => [d.sequenceId, d.code])).toEqual([
      ['a', 'NUDGE011'], ['a', 'NUDGE009'], ['a', 'NUDGE005'], ['b', 'NUDGE002'],
    ]);
    expect(hasErrors(found)).toBe(true);
  });

  it('reports a duplicate sequence id at the later sequence only', () => {
    const make = (name: string) => sequence('same', { name, startOn: tagApplied('x'), paths: [start().applyTag('y')] });
    const found = validateSequences([make('First'), make('Second'), make('Third')]);
    expect(found.map((d) => [d.code, d.message.includes('"First"')])).toEqual([['NUDGE016', true], ['NUDGE016', true]]);
  });
});
