/**
 * POST /webhooks/bounces on a real server (127.0.0.1, real lowdb store):
 * JSON events and raw DSN / ARF reports (realistic Postfix, Exim and
 * feedback-loop texts in test/fixtures/bounces) change the addressed
 * contacts' email status through the host; the route needs the token,
 * takes only what its schema says, bounds its body and refuses garbage
 * with one line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { AUTH, openApp } from './helpers';

const FIXTURES = join(__dirname, '../fixtures/bounces');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

let app: FastifyInstance;
let host: RuntimeHost;
let base: string;
beforeEach(async () => {
  ({ app, host } = await openApp());
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  for (const [id, email] of [
    ['c-gone', 'gone.person@example.test'], ['c-full', 'full@example.test'], ['c-later', 'later@example.test'],
    ['c-slow', 'slow@example.test'], ['c-annoyed', 'annoyed@example.test'], ['c-clicker', 'spam.clicker@example.test'],
    ['c-json', 'json@example.test'], ['c-soft', 'soft@example.test'],
  ]) {
    const res = await fetch(`${base}/contacts`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ id, email }) });
    expect(res.status).toBe(201);
  }
});
afterEach(async () => {
  await app.close();
});

function post(body: string | Buffer, contentType: string, headers: Record<string, string> = AUTH) {
  return fetch(`${base}/webhooks/bounces`, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body });
}
const json = (value: unknown) => post(JSON.stringify(value), 'application/json');
const status = async (id: string) => (await host.consent(id)).status;

describe('POST /webhooks/bounces: JSON events', () => {
  it('records a hard bounce, a soft bounce and a complaint, with the webhook as the ledger source', async () => {
    const res = await json([
      { type: 'bounce', email: 'JSON@example.test', detail: '550 5.1.1 user unknown' },
      { type: 'bounce', email: 'soft@example.test', permanent: false },
      { type: 'complaint', email: 'annoyed@example.test' },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      recorded: 3, ignored: 0,
      events: [
        { email: 'JSON@example.test', kind: 'hard-bounce', contactIds: ['c-json'] },
        { email: 'soft@example.test', kind: 'soft-bounce', contactIds: ['c-soft'] },
        { email: 'annoyed@example.test', kind: 'complaint', contactIds: ['c-annoyed'] },
      ],
    });
    expect(await status('c-json')).toBe('hard-bounce');
    expect(await status('c-annoyed')).toBe('complaint');
    // One soft bounce counts; the address stays marketable until the limit.
    const soft = await host.consent('c-soft');
    expect(soft.status).not.toBe('soft-bounce');
    expect(soft.ledger.at(-1)).toMatchObject({ event: 'soft-bounce', source: { kind: 'webhook', id: 'json' } });
    expect((await host.consent('c-json')).ledger.at(-1)).toMatchObject({ event: 'hard-bounce', detail: '550 5.1.1 user unknown', source: { kind: 'webhook' } });
  });

  it('takes one event as well as a list; an address of no contact is still recorded (suppressed)', async () => {
    const res = await json({ type: 'complaint', email: 'stranger@example.test' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ recorded: 1, events: [{ email: 'stranger@example.test', kind: 'complaint', contactIds: [] }] });
  });

  it('refuses what the schema does not say, more than 100 events, and an empty list', async () => {
    const cases: unknown[] = [
      { type: 'bounce', email: 'json@example.test', extra: 1 },
      { type: 'unsubscribe', email: 'json@example.test' },
      { type: 'bounce', email: 'not an address' },
      { type: 'bounce' },
      { type: 'bounce', email: 'json@example.test', permanent: 'yes' },
      { type: 'bounce', email: 'json@example.test', detail: 'x'.repeat(501) },
      Array.from({ length: 101 }, () => ({ type: 'bounce', email: 'json@example.test' })),
      [],
      'bounce',
    ];
    for (const body of cases) {
      const res = await json(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((await res.json() as { code: string }).code).toBe('NUDGE_ERR_VALIDATION');
    }
    expect(await status('c-json')).not.toBe('hard-bounce');
  });

  it('needs the API token, before reading the body', async () => {
    for (const [body, type] of [[JSON.stringify({ type: 'bounce', email: 'json@example.test' }), 'application/json'], [fixture('dsn-hard-postfix.eml'), 'message/rfc822']] as const) {
      expect((await post(body, type, {})).status).toBe(401);
      expect((await post(body, type, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    }
    expect(await status('c-json')).not.toBe('hard-bounce');
    expect(await status('c-gone')).not.toBe('hard-bounce');
  });
});

describe('POST /webhooks/bounces: raw reports (message/rfc822)', () => {
  it('a Postfix DSN with Action: failed and Status: 5.1.1 is a hard bounce (address matched in any case)', async () => {
    const res = await post(fixture('dsn-hard-postfix.eml'), 'message/rfc822');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recorded: 1, ignored: 0, events: [{ email: 'Gone.Person@Example.test', kind: 'hard-bounce', contactIds: ['c-gone'] }] });
    const { status: s, ledger } = await host.consent('c-gone');
    expect(s).toBe('hard-bounce');
    expect(ledger.at(-1)).toMatchObject({ event: 'hard-bounce', source: { kind: 'webhook', id: 'dsn' } });
    expect(ledger.at(-1)!.detail).toMatch(/^DSN 5\.1\.1: smtp; 550 5\.1\.1 <gone\.person@example\.test>: Recipient address rejected: User unknown/);
  });

  it('an Exim DSN: failed with 4.x.x is a soft bounce per recipient; a delay warning is no bounce', async () => {
    const res = await post(fixture('dsn-mixed-exim.eml'), 'message/rfc822');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      recorded: 2, ignored: 1,
      events: [
        { email: 'full@example.test', kind: 'soft-bounce', contactIds: ['c-full'] },
        { email: 'later@example.test', kind: 'soft-bounce', contactIds: ['c-later'] },
      ],
    });
    expect((await host.consent('c-later')).ledger.at(-1)).toMatchObject({ event: 'soft-bounce', detail: 'DSN 4.2.2: smtp; 452 4.2.2 Mailbox full' });
    expect((await host.consent('c-slow')).ledger.map((e) => e.event)).not.toContain('soft-bounce');
  });

  it('an ARF abuse report is a complaint for Original-Rcpt-To', async () => {
    const res = await post(fixture('arf-abuse.eml'), 'message/rfc822');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recorded: 1, ignored: 0, events: [{ email: 'Annoyed@Example.test', kind: 'complaint', contactIds: ['c-annoyed'] }] });
    expect(await status('c-annoyed')).toBe('complaint');
    expect((await host.consent('c-annoyed')).ledger.at(-1)).toMatchObject({ source: { kind: 'webhook', id: 'arf' }, detail: 'ARF abuse report from MailboxFBL/1.0' });
  });

  it('a redacted ARF report (no Original-Rcpt-To) names the complainant by the reported message\'s To', async () => {
    const res = await post(fixture('arf-redacted.eml'), 'message/rfc822');
    expect(await res.json()).toMatchObject({ recorded: 1, events: [{ email: 'spam.clicker@example.test', kind: 'complaint', contactIds: ['c-clicker'] }] });
  });

  it('a feedback report that is not abuse changes nothing', async () => {
    const notSpam = fixture('arf-abuse.eml').toString('utf8').replace('Feedback-Type: abuse', 'Feedback-Type: not-spam');
    const res = await post(notSpam, 'message/rfc822');
    expect(await res.json()).toEqual({ recorded: 0, ignored: 1, events: [] });
    expect(await status('c-annoyed')).not.toBe('complaint');
  });

  it('garbage gets a one-line 400 and changes nothing', async () => {
    const dsn = fixture('dsn-hard-postfix.eml').toString('utf8');
    const cases: Array<[string | Buffer, RegExp]> = [
      ['', /no Content-Type/],
      ['hello, this is not a report', /no Content-Type/],
      ['Subject: hi\r\nContent-Type: text/plain\r\n\r\nbounce gone.person@example.test', /Content-Type is text\/plain, not multipart\/report/],
      [dsn.replace('report-type=delivery-status', 'report-type=disposition-notification'), /report-type=disposition-notification/],
      [dsn.replace('Content-Type: message/delivery-status', 'Content-Type: text/plain'), /no message\/delivery-status part/],
      [dsn.replace(/Final-Recipient: .*\n/, '').replace(/Original-Recipient: .*\n/, ''), /no Final-Recipient/],
      [dsn.replace('Final-Recipient: rfc822; Gone.Person@Example.test', 'Final-Recipient: rfc822; <script>@x'), /is not an email address/],
      [fixture('arf-abuse.eml').toString('utf8').replace('Feedback-Type: abuse\n', ''), /no Feedback-Type/],
      [Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not a bounce or complaint report/],
    ];
    for (const [body, why] of cases) {
      const res = await post(body, 'message/rfc822');
      const answer = await res.json() as { code: string; message: string };
      expect(res.status, String(why)).toBe(400);
      expect(answer.code).toBe('NUDGE_ERR_BAD_BOUNCE_REPORT');
      expect(answer.message).toMatch(why);
      expect(answer.message).not.toMatch(/\n/);
    }
    expect(await status('c-gone')).not.toBe('hard-bounce');
  });

  it('bounds the body: a report carrying a 600 kB message is read, one over 1 MiB is refused with 413', async () => {
    const exim = fixture('dsn-mixed-exim.eml').toString('utf8');
    const huge = exim.replace('Hello, here is our December offer.', 'x'.repeat(1100 * 1024));
    const res = await post(huge, 'message/rfc822');
    expect(res.status).toBe(413);
    expect((await host.consent('c-full')).ledger.map((e) => e.event)).not.toContain('soft-bounce');
    const large = exim.replace('Hello, here is our December offer.', `${'x'.repeat(76)}\n`.repeat(8000));
    expect(await (await post(large, 'message/rfc822')).json()).toMatchObject({ recorded: 2 });
  });
});
