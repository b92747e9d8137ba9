/**
 * Goals, canvas notes and the sequence options as they appear in the IR.
 */
import { describe, expect, it } from 'vitest';
import {
  apiGoal, defineContact, event, formSubmitted, IR_VERSION, linkClicked, note, purchased, purchaseFailed, sequence, start, tagApplied,
} from 'nudge';

describe('goals', () => {
  it('each goal builds its IR', () => {
    expect(tagApplied('Customer')).toEqual({ kind: 'tagApplied', tag: 'Customer' });
    expect(formSubmitted('newsletter-signup')).toEqual({ kind: 'formSubmitted', formId: 'newsletter-signup' });
    expect(purchased()).toEqual({ kind: 'purchased' });
    expect(purchased('starter-kit')).toEqual({ kind: 'purchased', product: 'starter-kit' });
    expect(purchaseFailed()).toEqual({ kind: 'purchaseFailed' });
    expect(purchaseFailed('subscription')).toEqual({ kind: 'purchaseFailed', product: 'subscription' });
    expect(linkClicked()).toEqual({ kind: 'linkClicked' });
    expect(linkClicked('welcome-email')).toEqual({ kind: 'linkClicked', stepId: 'welcome-email' });
    expect(linkClicked('welcome-email', 'https://acme.test/demo')).toEqual({ kind: 'linkClicked', stepId: 'welcome-email', url: 'https://acme.test/demo' });
    expect(linkClicked(undefined, 'https://acme.test/demo')).toEqual({ kind: 'linkClicked', url: 'https://acme.test/demo' });
    expect(apiGoal('trial-converted')).toEqual({ kind: 'apiGoal', name: 'trial-converted' });
    expect(event('webinar-registered')).toEqual({ kind: 'event', name: 'webinar-registered' });
  });

  it('goals reject empty names with a message that names the goal', () => {
    expect(() => tagApplied('')).toThrow("tagApplied tag must be a non-empty string, got \"\".");
    expect(() => formSubmitted('  ')).toThrow(/formSubmitted form id must be a non-empty string/);
    expect(() => purchased('')).toThrow(/purchased product/);
    expect(() => purchaseFailed('')).toThrow(/purchaseFailed product/);
    expect(() => linkClicked('')).toThrow(/linkClicked step id/);
    expect(() => linkClicked(undefined, '')).toThrow(/linkClicked url/);
    expect(() => apiGoal(42 as any)).toThrow('apiGoal name must be a non-empty string, got 42.');
    expect(() => event(undefined as any)).toThrow(/event name/);
  });
});

describe('sequence()', () => {
  it('fills the defaults: no goals, stop goals remove the contact, re-entry after completion', () => {
    const ir = sequence('welcome', { name: 'Welcome', paths: [start().applyTag('Lead')] });
    expect(ir).toMatchObject({
      irVersion: IR_VERSION, id: 'welcome', name: 'Welcome', startOn: [], stopOn: [],
      runsUntilComplete: false, reentry: 'afterComplete', notes: [], customFields: {},
    });
    expect(IR_VERSION).toBe(1);
  });

  it('takes one goal or a list, runsUntilComplete and reentry', () => {
    const ir = sequence('s', {
      name: 'S', startOn: tagApplied('A'), stopOn: [purchased(), event('stop')], runsUntilComplete: true, reentry: 'never', paths: [],
    });
    expect(ir).toMatchObject({
      startOn: [{ kind: 'tagApplied', tag: 'A' }], stopOn: [{ kind: 'purchased' }, { kind: 'event', name: 'stop' }],
      runsUntilComplete: true, reentry: 'never', paths: [],
    });
  });

  it('numbers parallel start paths in order, with their labels', () => {
    const ir = sequence('s', { name: 'S', paths: [start('Marketing').applyTag('A'), start().applyTag('B'), start('Staff').applyTag('C')] });
    expect(ir.paths.map((p) => [p.index, p.label])).toEqual([[0, 'Marketing'], [1, undefined], [2, 'Staff']]);
    expect(ir.paths[1]).not.toHaveProperty('label');
  });

  it('turns canvas notes into IR notes with stable ids; a note() keeps its own position', () => {
    const ir = sequence('s', {
      name: 'S',
      notes: [note('Audience: new leads'), 'Goal: first purchase', note('Audience: new leads')],
      paths: [],
    });
    expect(ir.notes.map(({ id, text }) => ({ id, text }))).toEqual([
      { id: 'note-audience-new-leads', text: 'Audience: new leads' },
      { id: 'note-goal-first-purchase', text: 'Goal: first purchase' },
      { id: 'note-audience-new-leads-2', text: 'Audience: new leads' },
    ]);
    expect(ir.notes[0].source).not.toEqual(ir.notes[2].source);
    expect(ir.notes[1].source).toEqual(ir.source); // a plain string note has the sequence's position
    expect(() => note('')).toThrow('note() needs some text.');
  });

  it('collects the custom fields of every path', () => {
    const a = defineContact({ renewalDate: 'date' });
    const b = defineContact({ leadScore: 'number' });
    const ir = sequence('s', { name: 'S', paths: [a.start().fieldTimer('renewalDate'), b.start().setField('leadScore', 1), start().applyTag('x')] });
    expect(ir.customFields).toEqual({ renewalDate: 'date', leadScore: 'number' });
  });

  it('rejects a bad id, a missing name and paths that are not start() chains', () => {
    expect(() => sequence('my welcome', { name: 'W', paths: [] })).toThrow(
      `Sequence id "my welcome" must start with a letter or digit and use only letters, digits, '-' and '_'.`,
    );
    expect(() => sequence('w', {} as any)).toThrow("sequence('w') needs a 'name'.");
    expect(() => sequence('w', { name: 'W', paths: [{ steps: [] }] as any })).toThrow(/'paths' must be a list of start\(\) chains, e\.g\. paths: \[start\(\)\.email\(\{\.\.\.\}\)\]/);
    expect(() => sequence('w', { name: 'W', paths: start() as any })).toThrow(/'paths' must be a list/);
  });

  it('rejects an unknown reentry and start or stop goals that are not goals', () => {
    expect(() => sequence('w', { name: 'W', reentry: 'always' as any, paths: [] }))
      .toThrow(`sequence('w'): 'reentry' is 'afterComplete' (default) or 'never', not "always".`);
    expect(() => sequence('w', { name: 'W', startOn: 'Lead' as any, paths: [] }))
      .toThrow(`sequence('w'): 'startOn' takes goals such as tagApplied('Lead') or formSubmitted('signup'), got "Lead".`);
    expect(() => sequence('w', { name: 'W', startOn: [tagApplied('Lead'), null as any], paths: [] })).toThrow(/'startOn' takes goals .*, got null\.$/);
    expect(() => sequence('w', { name: 'W', stopOn: [purchased(), { product: 'x' } as any], paths: [] }))
      .toThrow(/^sequence\('w'\): 'stopOn' takes goals .*, got \{"product":"x"\}\.$/);
    expect(() => sequence('w', { name: 'W', stopOn: tagApplied as any, paths: [] })).toThrow(/'stopOn' takes goals/);
  });
});
