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
      ['email-welcome-2', 'wait-2d-2', 'tag-lead', 'email-still-there'],
    ]);
    // Building a sequence does not change the builders either.
    expect(JSON.stringify(prefix._def)).toBe(before);
    expect(sequence('t', { name: 'T', paths: [customers] }).paths[0].steps).toHaveLength(4);
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
