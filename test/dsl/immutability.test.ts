/**
 * Builders are immutable: each call returns a new builder, so a shared
 * prefix can be reused in several paths (and sequences) unchanged.
 */
import { describe, expect, it } from 'vitest';
import { defineContact, PathBuilder, sequence, start } from 'nudge';
import { idsOf } from './helpers';

describe('immutable builders', () => {
  it('every call returns a new builder and leaves the old one as it was', () => {
    const a = start();
    const b = a.delay('1d');
    const c = b.applyTag('X');
    expect(b).not.toBe(a);
    expect(c).not.toBe(b);
    expect(c).toBeInstanceOf(PathBuilder);
    expect(a._def.steps).toHaveLength(0);
    expect(b._def.steps).toHaveLength(1);
    expect(c._def.steps.map((s) => s.kind)).toEqual(['delay', 'applyTag']);
  });

  it('a shared prefix reused in two paths is not mutated', () => {
    const prefix = start().email({ subject: 'Welcome', body: 'Hi' }).delay('2d');
    const before = JSON.stringify(prefix._def);
    const customers = prefix.applyTag('Customer').delay('1w');
    const leads = prefix.applyTag('Lead').email({ subject: 'Still there?', body: '...' });

    expect(JSON.stringify(prefix._def)).toBe(before);
    expect(prefix._def.steps).toHaveLength(2);

    const ir = sequence('s', { name: 'S', paths: [customers, leads] });
    expect(ir.paths[0].steps.map((s) => s.kind)).toEqual(['email', 'delay', 'applyTag', 'delay']);
    expect(ir.paths[1].steps.map((s) => s.kind)).toEqual(['email', 'delay', 'applyTag', 'email']);
    // The shared steps are separate steps of each path, so they get separate ids.
    expect(idsOf(ir)).toEqual([
      ['email-welcome', 'wait-2d', 'tag-customer', 'wait-1w'],
      ['email-welcome-p2', 'wait-2d-p2', 'tag-lead-p2', 'email-still-there-p2'],
    ]);
    // Building a sequence does not change the builders either.
    expect(JSON.stringify(prefix._def)).toBe(before);
    expect(sequence('t', { name: 'T', paths: [customers] }).paths[0].steps).toHaveLength(4);
  });

  it('the IR does not alias the builder: mutating its params leaves the next sequence built from the same builder as it was', () => {
    const path = start()
      .delay('1d', { on: ['mon', 'wed'], between: ['09:00', '17:00'] })
      .email({ to: ['sales@acme.test'], subject: 'Hi', body: 'B' })
      .assignOwner({ roundRobin: ['u-ann'] })
      .createOrder({ items: [{ product: 'kit', quantity: 1 }], payment: 'autocharge' })
      .httpPost({ url: 'https://x.test/hook', fields: { a: '1' } })
      .createOpportunity({ title: 'O', stage: 'S', products: ['grinder'] });
    const build = () => sequence('s', { name: 'S', paths: [path, path] });
    const pristine = JSON.stringify(build());
    const before = JSON.stringify(path._def);

    const ir = build();
    for (const p of ir.paths) {
      const [delay, email, owner, order, post, opp] = p.steps.map((s) => s.params as any);
      delay.on.push('fri'); delay.between[1] = '23:00'; delay.duration.amount = 9;
      email.to.push('x@acme.test'); email.subject = 'Changed';
      owner.roundRobin.push('u-bob');
      order.items[0].quantity = 9; order.items.push({ product: 'mug', quantity: 1 });
      post.fields.b = '2'; post.url = 'https://evil.test';
      opp.products.push('mug');
    }
    expect(JSON.stringify(ir)).not.toBe(pristine); // the edits took

    expect(JSON.stringify(path._def)).toBe(before);
    expect(JSON.stringify(build())).toBe(pristine);
    // Two paths built from the same builder do not share params either.
    const twice = build();
    (twice.paths[0].steps[0].params as any).on.push('sun');
    expect((twice.paths[1].steps[0].params as any).on).toEqual(['mon', 'wed']);
  });

  it('the recorded steps are frozen', () => {
    const path = start().applyTag('A');
    expect(Object.isFrozen(path._def)).toBe(true);
    expect(Object.isFrozen(path._def.steps)).toBe(true);
    expect(() => (path._def.steps as unknown[]).push({})).toThrow(TypeError);
  });

  it('a schema start() keeps its declared fields in every derived builder', () => {
    const contact = defineContact({ renewalDate: 'date' });
    const base = contact.start('Renewals');
    const next = base.fieldTimer('renewalDate').applyTag('Due');
    expect(next._def.customFields).toEqual({ renewalDate: 'date' });
    expect(next._def.label).toBe('Renewals');
    expect(Object.isFrozen(contact.fields)).toBe(true);
  });
});
