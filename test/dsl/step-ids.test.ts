/**
 * Stable step ids: progress of every contact is keyed by step id, so a
 * derived id must not move when an unrelated step is inserted or removed.
 */
import { describe, expect, it } from 'vitest';
import { defineContact, sequence, start, type PathBuilder } from 'nudge';
import type { Step } from '../../dsl/ir';
import { idsOf, seqOf, stepsOf } from './helpers';

/** Ids keyed by what each step is (kind + params), to compare two versions of a sequence. */
function idByContent(...paths: Array<PathBuilder<any>>): Map<string, string> {
  const ir = seqOf(...paths);
  const map = new Map<string, string>();
  for (const p of ir.paths) for (const s of p.steps) map.set(`${p.index}:${s.kind}:${JSON.stringify(s.params)}`, s.id);
  return map;
}

describe('derived step ids', () => {
  it('are slugs of what the step does', () => {
    const ids = stepsOf(start()
      .delay('2d')
      .waitUntil('2026-12-24')
      .fieldTimer('birthday')
      .email({ subject: 'Welcome to Acme, ~Contact.FirstName|friend~!', body: '' })
      .fax({ body: 'Your quote' })
      .letter({ subject: 'Thank you', body: '' })
      .applyTag('VIP Customer')
      .removeTag('Prospect')
      .applyNote({ subject: 'Became a customer' })
      .createTask({ title: 'Welcome call' })
      .createAppointment({ title: 'Onboarding' })
      .setField('leadSource', 'Web')
      .assignOwner('u-ann')
      .assignOwner({ roundRobin: ['u-ann', 'u-bob'] })
      .createOpportunity({ title: 'Upsell', stage: 'New' })
      .addToFulfillmentList('Welcome kit')
      .createOrder({ items: [{ product: 'Refill Pack' }], payment: 'autocharge' })
      .httpPost({ url: 'https://members.acme.test/hook', fields: {} })).map((s) => s.id);
    expect(ids).toEqual([
      'wait-2d', 'until-2026-12-24', 'field-birthday', 'email-welcome-to-acme', 'fax-your-quote', 'letter-thank-you',
      'tag-vip-customer', 'untag-prospect', 'note-became-a-customer', 'task-welcome-call', 'appt-onboarding', 'set-leadsource',
      'owner-u-ann', 'owner-round-robin', 'opp-upsell', 'fulfil-welcome-kit', 'order-refill-pack', 'post-members-acme-test-hook',
    ]);
  });

  it('drop accents and merge fields and stay short', () => {
    const [a, b, c] = stepsOf(start()
      .email({ subject: 'Crème brûlée für ~Contact.FirstName~', body: '' })
      .email({ subject: '~Contact.FirstName~', body: '' })
      .email({ subject: 'A very long subject line that keeps going well past the limit of an id', body: '' }));
    expect(a.id).toBe('email-creme-brulee-fur');
    expect(b.id).toMatch(/^email-[a-z0-9-]+$/);
    expect(c.id.length).toBeLessThanOrEqual('email-'.length + 40);
    expect(c.id).toMatch(/^email-a-very-long-subject-line[a-z-]*[a-z]$/);
  });

  it('tell a field timer before the date from one after it', () => {
    const [before, after, none] = stepsOf(start()
      .fieldTimer('birthday', { offset: '-3d' })
      .fieldTimer('birthday', { offset: '3d' })
      .fieldTimer('birthday'));
    expect(new Set([before.id, after.id, none.id]).size).toBe(3);
    for (const s of [before, after, none]) expect(s.id).toMatch(/^field-birthday[a-z0-9-]*$/);
    expect(before.id).not.toMatch(/--/);
  });

  it('number steps with the same slug -2, -3 in order of appearance, within their path; later paths carry -p2, -p3', () => {
    const ir = seqOf(
      start().delay('1d').applyTag('A').delay('1d'),
      start().delay('1d').applyTag('A').delay('1d').delay('1d'),
      start().applyTag('A'),
    );
    expect(idsOf(ir)).toEqual([
      ['wait-1d', 'tag-a', 'wait-1d-2'],
      ['wait-1d-p2', 'tag-a-p2', 'wait-1d-p2-2', 'wait-1d-p2-3'],
      ['tag-a-p3'],
    ]);
  });

  it('of a labelled path carry the slug of its label', () => {
    const ir = seqOf(
      start('Contact').applyTag('Customer'),
      start('Staff').applyTag('Customer').applyTag('Customer'),
      start('Sales team: Ünïted Kingdom & Ireland').applyTag('Customer'),
      start().applyTag('Customer'),
    );
    expect(idsOf(ir)).toEqual([
      ['tag-customer'], // the first path never has a suffix, labelled or not
      ['tag-customer-staff', 'tag-customer-staff-2'],
      ['tag-customer-sales-team-united'], // label slugs are cut at a word boundary within 20 characters
      ['tag-customer-p4'],
    ]);
  });

  it('of one path do not change when a same-slug step is inserted into another path', () => {
    const paths = (middle: PathBuilder<any>) => [
      start().delay('1d').applyTag('Customer').delay('1d'),
      middle,
      start().delay('1d').applyTag('Customer'),
    ];
    const before = seqOf(...paths(start().applyTag('Customer').delay('1d')));
    const after = seqOf(...paths(start().delay('1d').applyTag('Customer').applyTag('Customer').delay('1d').delay('1d')));
    expect(idsOf(before)).toEqual([
      ['wait-1d', 'tag-customer', 'wait-1d-2'],
      ['tag-customer-p2', 'wait-1d-p2'],
      ['wait-1d-p3', 'tag-customer-p3'],
    ]);
    expect(idsOf(after)[0]).toEqual(idsOf(before)[0]);
    expect(idsOf(after)[2]).toEqual(idsOf(before)[2]);
    expect(idsOf(after)[1]).toEqual(['wait-1d-p2', 'tag-customer-p2', 'tag-customer-p2-2', 'wait-1d-p2-2', 'wait-1d-p2-3']);

    // The same holds for labelled paths.
    const labelled = (middle: PathBuilder<any>) => seqOf(
      start('Contact').applyTag('Customer'), middle, start('Staff').applyTag('Customer').delay('1d'),
    );
    const a = labelled(start('Sales').applyTag('Customer'));
    const b = labelled(start('Sales').applyTag('Customer').applyTag('Customer'));
    expect(idsOf(a)).toEqual([['tag-customer'], ['tag-customer-sales'], ['tag-customer-staff', 'wait-1d-staff']]);
    expect(idsOf(b)).toEqual([['tag-customer'], ['tag-customer-sales', 'tag-customer-sales-2'], ['tag-customer-staff', 'wait-1d-staff']]);
  });

  it('write a field-timer offset as amount, unit and side, without a double dash', () => {
    expect(stepsOf(defineContact({ renewalDate: 'date' }).start()
      .fieldTimer('birthday', { offset: '-3d' })
      .fieldTimer('renewalDate', { offset: '2w' })
      .fieldTimer('anniversary', { offset: '-1mo' })
      .fieldTimer('birthday', { offset: '0d' })).map((s) => s.id))
      .toEqual(['field-birthday-3d-before', 'field-renewaldate-2w-after', 'field-anniversary-1mo-before', 'field-birthday']);
  });

  it('an explicit id wins, and derived ids step around it', () => {
    const ir = seqOf(start()
      .delay('1d')
      .email({ id: 'welcome', subject: 'Hi', body: '' })
      .applyTag('A', { id: 'wait-1d' })
      .delay('1d'));
    const steps: Step[] = ir.paths[0].steps;
    expect(steps.map((s) => [s.id, s.explicitId])).toEqual([
      ['wait-1d-2', false], ['welcome', true], ['wait-1d', true], ['wait-1d-3', false],
    ]);
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
  });

  it('do not change when an unrelated step is inserted', () => {
    const before = idByContent(
      start().email({ subject: 'Welcome', body: '' }).delay('2d').email({ subject: 'Tips', body: '' }).applyTag('Nurtured'),
      start().delay('0m', { on: 'weekdays', between: ['09:00', '17:00'] }).createTask({ title: 'Call' }),
    );
    const after = idByContent(
      start().email({ subject: 'Welcome', body: '' }).applyTag('Engaged').delay('2d').email({ subject: 'Tips', body: '' })
        .delay('1w').applyTag('Nurtured'),
      start().applyNote({ subject: 'New lead' }).delay('0m', { on: 'weekdays', between: ['09:00', '17:00'] }).createTask({ title: 'Call' }),
    );
    for (const [content, id] of before) expect(after.get(content), content).toBe(id);
  });

  it('do not change when an unrelated step is removed', () => {
    const before = idByContent(start().delay('1d').email({ subject: 'One', body: '' }).delay('2d').email({ subject: 'Two', body: '' }).applyTag('Done'));
    const after = idByContent(start().delay('1d').delay('2d').email({ subject: 'Two', body: '' }).applyTag('Done'));
    for (const [content, id] of after) expect(before.get(content), content).toBe(id);
  });

  it('are the same every time the same file is built', () => {
    const build = () => sequence('s', { name: 'S', paths: [start().delay('1d').email({ subject: 'A', body: '' }).delay('1d')] });
    expect(idsOf(build())).toEqual(idsOf(build()));
  });
});
