/**
 * NUDGE002 in every text of every step, with suggestions matched
 * case-insensitively and the fallback kept.
 */
import { describe, expect, it } from 'vitest';
import { defineContact, sequence, start, tagApplied } from 'nudge';
import type { PathBuilder } from 'nudge';
import { validateSequences } from '../../dsl/validate';
import { otherThanSendingRules } from './sending-rules';

const BAD = '~Contact.Fristname~';
const seq = (path: PathBuilder<any>) => sequence('s', { name: 'S', startOn: tagApplied('t'), paths: [path] });
const check = (path: PathBuilder<any>) => otherThanSendingRules(validateSequences([seq(path)]));

describe('unknown merge fields are found in', () => {
  const cases: Array<[string, PathBuilder<any>]> = [
    ['subject', start().email({ subject: BAD, body: 'x' })],
    ['body', start().email({ subject: 'x', body: BAD })],
    ['from', start().email({ subject: 'x', body: 'x', from: BAD })],
    ['to[1]', start().email({ to: ['a@acme.test', BAD], subject: 'x', body: 'x' })],
    ['body', start().fax({ body: BAD })],
    ['subject', start().letter({ subject: BAD, body: 'x' })],
    ['body', start().applyNote({ subject: 'x', body: BAD })],
    ['description', start().createTask({ title: 'x', description: BAD })],
    ['title', start().createAppointment({ title: BAD })],
    ['location', start().createAppointment({ title: 'x', location: BAD })],
    ['title', start().createOpportunity({ title: BAD, stage: 'New' })],
    ['notes', start().createOpportunity({ title: 'x', stage: 'New', notes: BAD })],
    ['fields.name', start().httpPost({ url: 'https://acme.test', fields: { name: BAD } })],
    ['value', start().setField('nickname', BAD)],
  ];
  it.each(cases)('%s', (what, path) => {
    const ir = seq(path);
    const step = ir.paths[0].steps[0];
    const found = otherThanSendingRules(validateSequences([ir]));
    expect(found).toEqual([expect.objectContaining({ code: 'NUDGE002', severity: 'error', stepId: step.id, source: step.source })]);
    expect(found[0].message).toContain(`${BAD} in step "${step.id}" (${what}). Did you mean ~Contact.FirstName~?`);
  });
});

describe('suggestions', () => {
  const message = (text: string) => check(start().email({ subject: 'x', body: text }))[0]?.message;

  it('match case-insensitively and keep the fallback', () => {
    expect(message('Hi ~contact.firstname|there~')).toContain('Did you mean ~Contact.FirstName|there~?');
    expect(message('~Owner.Emial~')).toContain('Did you mean ~Owner.Email~?');
  });

  it('explain what exists when nothing is close', () => {
    expect(message('~Contact.FavouriteColour~')).toContain("defineContact({ favouriteColour: 'string' })");
    expect(message('~Owner.ShoeSize~')).toContain('Known Owner fields: ~Owner.Id~');
    expect(message('~Customer.Whatever~')).toContain('~Contact.…~, ~Owner.…~, ~Order.…~');
  });

  it('report a token once per text, but in each text it appears in', () => {
    const found = check(start().email({ subject: BAD, body: `${BAD} and ${BAD}` }));
    expect(found.map((d) => d.message.match(/\((\w+)\)/)?.[1])).toEqual(['subject', 'body']);
  });
});

describe('declared custom fields', () => {
  it('are known as ~Contact.Name~ and ~Contact._Name~', () => {
    const contact = defineContact({ leadScore: 'number' });
    expect(check(contact.start().email({ subject: '~Contact.LeadScore~', body: '~Contact._LeadScore~' }))).toEqual([]);
    expect(check(start().email({ subject: '~Contact.LeadScore~', body: 'x' }))[0]?.code).toBe('NUDGE002');
  });
});
