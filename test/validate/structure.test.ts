/**
 * Sequence shape, messages, HTTP posts and goals: NUDGE001, 005, 007-011,
 * 018, 020, 023.
 */
import { describe, expect, it } from 'vitest';
import { DslError, linkClicked, purchased, sequence, start, tagApplied } from 'nudge';
import type { PathBuilder, SequenceOptions } from 'nudge';
import type { HttpPostParams } from '../../dsl/ir';
import { validateSequences } from '../../dsl/validate';
import { otherThanSendingRules } from './sending-rules';

const seq = (paths: PathBuilder<any>[], extra: Partial<SequenceOptions> = {}) =>
  sequence('s', { name: 'S', startOn: tagApplied('t'), paths, ...extra });
const found = (...args: Parameters<typeof seq>) => otherThanSendingRules(validateSequences([seq(...args)]));
const codes = (...args: Parameters<typeof seq>) => found(...args).map((d) => `${d.code} ${d.stepId ?? '-'}`);

describe('paths', () => {
  it('warn when any timer ends a path, even a repeating field timer', () => {
    expect(codes([start().applyTag('a').fieldTimer('birthday', { repeat: 'yearly' })])).toEqual(['NUDGE005 field-birthday']);
    expect(codes([start().waitUntil('2099-01-01')])).toEqual(['NUDGE005 until-2099-01-01']);
    expect(codes([start().delay('1d').applyTag('a')])).toEqual([]);
  });

  it('warn about an empty path at the path, and about no path at all at the sequence', () => {
    const ir = seq([start().applyTag('a'), start()]);
    const [d] = validateSequences([ir]);
    expect(d).toMatchObject({ code: 'NUDGE020', source: ir.paths[1].source });
    expect(d.stepId).toBeUndefined();
    const empty = seq([]);
    expect(validateSequences([empty])).toEqual([expect.objectContaining({ code: 'NUDGE010', source: empty.source })]);
    expect(empty.source?.file).toBe(__filename);
  });

  it('report a duplicate explicit id across paths, at the later step', () => {
    const ir = seq([start().applyTag('a', { id: 'x' }), start().applyTag('b', { id: 'x' })]);
    const [d, ...rest] = validateSequences([ir]);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'NUDGE001', stepId: 'x', source: ir.paths[1].steps[0].source });
  });
});

describe('goals', () => {
  it('warn about a missing start goal and about stop goals runsUntilComplete ignores', () => {
    expect(codes([start().applyTag('a')], { startOn: [] })).toEqual(['NUDGE011 -']);
    expect(codes([start().applyTag('a')], { stopOn: purchased(), runsUntilComplete: true })).toEqual(['NUDGE023 -']);
    expect(codes([start().applyTag('a')], { stopOn: purchased() })).toEqual([]);
  });

  it('check the step a linkClicked goal names', () => {
    const paths = [start().email({ subject: 'Book a demo', body: 'x' }).applyTag('a')];
    expect(codes(paths, { stopOn: linkClicked('email-book-a-demo') })).toEqual([]);
    expect(codes(paths, { stopOn: linkClicked(), startOn: [tagApplied('t'), linkClicked(undefined, 'https://x.test')] })).toEqual([]);
    const [wrongKind] = found(paths, { startOn: [tagApplied('t'), linkClicked('tag-a')] });
    expect(wrongKind.message).toContain('linkClicked("tag-a") in startOn names step "tag-a" (applyTag), but only emails have tracked links');
    const [unknown] = found(paths, { stopOn: linkClicked('pricing-email') });
    expect(unknown.message).toContain('Name one of its email steps: "email-book-a-demo".');
  });
});

describe('messages', () => {
  it('need a subject and a body for an email, a body for a fax or letter', () => {
    const [both] = found([start().email({ subject: '', body: ' \n' })]);
    expect(both.message).toContain('has an empty subject and an empty body. Write both');
    expect(codes([start().fax({ body: ' ' }).letter({ body: '' })])).toEqual(['NUDGE009 fax-x', 'NUDGE009 letter-x']);
    expect(codes([start().email({ subject: 'x', body: undefined as any })])).toEqual(['NUDGE009 email-x']);
  });
});

describe('HTTP posts', () => {
  const post = (url: string) => codes([start().httpPost({ url, fields: {} })]).map((c) => c.split(' ')[0]);
  /** The same, for a URL the DSL refuses: an IR can also arrive as hand-written JSON, so the URL is set on the IR. */
  const postInIr = (url: unknown) => {
    const ir = seq([start().httpPost({ url: 'https://placeholder.test', fields: {} })]);
    (ir.paths[0].steps[0].params as HttpPostParams).url = url as string;
    return validateSequences([ir]).map((d) => d.code);
  };

  it('accept http(s) on the default ports, 80 and 443, with merge fields anywhere', () => {
    for (const url of ['https://a.test/x', 'http://a.test', 'https://a.test:443/x', 'https://a.test:80/x', 'https://~Contact.Website~/hook?e=~Contact.Email~']) {
      expect(post(url)).toEqual([]);
    }
  });

  it('reject other schemes and unparsable URLs; warn about other ports', () => {
    expect(post('mailto:sales@acme.test')).toEqual(['NUDGE007']);
    expect(post('acme.test/hook')).toEqual(['NUDGE007']);
    expect(() => start().httpPost({ url: '', fields: {} })).toThrow(DslError);
    expect(postInIr('')).toEqual(['NUDGE007']);
    expect(post('http://a.test:8080/x')).toEqual(['NUDGE008']);
  });
});
