/**
 * NUDGE029-031: what marketing email must carry, which emails are
 * marketing, and where `nudge check` finds the account's address.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sequence, start, tagApplied } from 'nudge';
import type { PathBuilder } from 'nudge';
import { accountFor } from '../../dsl/check/account-config';
import { validateSequences } from '../../dsl/validate';

const seq = (path: PathBuilder<any>) => sequence('s', { name: 'S', startOn: tagApplied('t'), paths: [path] });
const codes = (path: PathBuilder<any>, account?: { address?: string }) => validateSequences([seq(path)], { account }).map((d) => `${d.code} ${d.stepId}`);
const GOOD = '<p>Hi</p><p>~Account.Address~ · <a href="~Unsubscribe~">Unsubscribe</a></p>';

describe('marketing email', () => {
  it('needs ~Unsubscribe~ and ~Account.Address~ in its body, in HTML or plain text', () => {
    expect(codes(start().email({ id: 'm', subject: 'x', body: GOOD }))).toEqual([]);
    expect(codes(start().email({ id: 'm', subject: 'x', body: 'Hi. ~Account.Address~ Unsubscribe: ~Unsubscribe~' }))).toEqual([]);
    expect(codes(start().email({ id: 'm', subject: 'x', body: 'Hi' }))).toEqual(['NUDGE029 m', 'NUDGE030 m']);
    // In the subject it does not count: the opt-out belongs in the body.
    expect(codes(start().email({ id: 'm', subject: '~Unsubscribe~', body: '~Account.Address~' }))).toEqual(['NUDGE029 m']);
    expect(codes(start().email({ id: 'm', subject: 'x', body: 'Hi ~Unsubscribe~' }))).toEqual(['NUDGE030 m']);
  });

  it('is the default to the contact; staff and transactional email need neither', () => {
    expect(codes(start().email({ id: 'a', to: 'owner', subject: 'x', body: 'Lead' }))).toEqual([]);
    expect(codes(start().email({ id: 'a', to: ['sales@acme.test'], subject: 'x', body: 'Lead' }))).toEqual([]);
    expect(codes(start().email({ id: 'a', category: 'transactional', subject: 'Receipt', body: 'Thanks' }))).toEqual([]);
  });

  it('needs a configured account address when the config is known, reported once per sequence', () => {
    const two = start().email({ id: 'a', subject: 'x', body: GOOD }).email({ id: 'b', subject: 'y', body: GOOD });
    expect(codes(two, {})).toEqual(['NUDGE031 a']);
    expect(codes(two, { address: '  ' })).toEqual(['NUDGE031 a']);
    expect(codes(two, { address: '1 Main St, Springfield' })).toEqual([]);
    expect(codes(two)).toEqual([]); // config unknown
    expect(codes(start().email({ to: 'owner', subject: 'x', body: 'y' }), {})).toEqual([]);
  });
});

describe('the account of a sequence file', () => {
  it('comes from the nearest nudge.config.json in its folder or above', () => {
    const root = mkdtempSync(join(tmpdir(), 'nudge-account-'));
    mkdirSync(join(root, 'campaigns', 'spring'), { recursive: true });
    const file = join(root, 'campaigns', 'spring', 'sale.seq.ts');
    expect(accountFor(file)).toEqual({});
    writeFileSync(join(root, 'nudge.config.json'), JSON.stringify({ account: { name: 'Acme', address: '1 Main St' } }));
    expect(accountFor(file)).toEqual({ name: 'Acme', address: '1 Main St' });
    writeFileSync(join(root, 'campaigns', 'nudge.config.json'), JSON.stringify({ port: 4400 }));
    expect(accountFor(file)).toEqual({});
  });
});
