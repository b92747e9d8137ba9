import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryWorker } from '../../runtime/delivery/delivery-worker';
import { EmlFileEmailTransport, SmtpEmailTransport } from '../../runtime/delivery/email-transport';
import { createTransports } from '../../runtime/delivery/create-transports';
import { createLinkTokens, linkTracker } from '../../runtime/delivery/link-tokens';
import { decodeQp, emailEffect, FakeClock, freePort, openStore, parseHeaders, pending, startSmtp, T0, tempDir } from './helpers';

const FROM = 'Acme <hello@acme.test>';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('email over SMTP (a real smtp-server on 127.0.0.1)', () => {
  it('delivers subject, body, sender, recipients, a Message-ID from the idempotency key and the idempotency header', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const { store } = await openStore();
    const email = new SmtpEmailTransport({ host: '127.0.0.1', port: smtp.port }, { defaultFrom: FROM });
    cleanups.push(() => email.close());
    await store.commit({ outbox: [pending(emailEffect()), pending(emailEffect({ idempotencyKey: 'welcome:v1:c2:email-1:1.1', contactId: 'c2', to: ['bo@example.test'], from: 'owner@acme.test', subject: 'Hi Bo' }))] });
    const worker = new DeliveryWorker({ store, clock: new FakeClock(), transports: { ...createTransports({ outboxDir: tempDir(), defaultFrom: FROM }), email } });

    expect(await worker.runOnce()).toEqual({ sent: 2, failed: 0, retried: 0 });
    const bySubject = new Map(smtp.mails.map((m) => [m.headers.get('subject'), m]));
    const ann = bySubject.get('Hi Ann')!;
    expect(ann.to).toEqual(['ann@example.test']);
    expect(ann.from).toBe('hello@acme.test');
    expect(ann.headers.get('message-id')).toBe('<welcome+v1+c1+email-1+1.1@nudge.local>');
    expect(ann.headers.get('x-nudge-idempotency-key')).toBe('welcome:v1:c1:email-1:1.1');
    expect(ann.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(ann.raw).toContain('Welcome aboard.');
    expect(bySubject.get('Hi Bo')!.from).toBe('owner@acme.test');
  });

  it('sends an HTML body as html with a text alternative, links rewritten for click tracking', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const secret = 'test-secret-0123456789';
    const email = new SmtpEmailTransport({ host: '127.0.0.1', port: smtp.port }, { defaultFrom: FROM, trackLink: linkTracker({ baseUrl: 'http://127.0.0.1:4400/', secret }) });
    cleanups.push(() => email.close());
    const body = '<p>Hello Ann,</p><p>See <a href="https://acme.test/offer?a=1&amp;b=2">the offer</a> or <a href="mailto:help@acme.test">write</a>.</p>';
    await email.send(emailEffect({ body }));

    const raw = decodeQp(smtp.mails[0].raw);
    expect(smtp.mails[0].headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/Content-Type: text\/html/);
    const tracked = [...raw.matchAll(/http:\/\/127\.0\.0\.1:4400\/l\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    expect(tracked.length).toBeGreaterThanOrEqual(2); // in the html and in the text alternative
    expect(createLinkTokens(secret).decode(tracked[0], T0)).toEqual({ ok: true, data: { url: 'https://acme.test/offer?a=1&b=2', contactId: 'c1', sequenceId: 'welcome', stepId: 'email-1', link: 0 } });
    expect(raw).toContain('href="mailto:help@acme.test"');
    expect(raw).not.toContain('https://acme.test/offer');
    expect(raw).toMatch(/Hello Ann,\r?\n\r?\nSee the offer \(http:\/\/127\.0\.0\.1:4400\/l\//);
  });

  it('SMTP down, then up: retried with backoff and delivered exactly once', async () => {
    const port = await freePort();
    const { store } = await openStore();
    const clock = new FakeClock();
    const email = new SmtpEmailTransport({ host: '127.0.0.1', port, timeoutMs: 2000 }, { defaultFrom: FROM });
    cleanups.push(() => email.close());
    await store.commit({ outbox: [pending(emailEffect())] });
    const worker = new DeliveryWorker({ store, clock, transports: { ...createTransports({ outboxDir: tempDir(), defaultFrom: FROM }), email } });

    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    let [item] = await store.listOutbox();
    expect(item).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: clock.now() + 30_000 });
    expect(item.lastError).toMatch(/SMTP could not deliver the email to ann@example\.test .*ECONNREFUSED/);

    const smtp = await startSmtp(port);
    cleanups.push(smtp.close);
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 }); // still backing off
    expect(smtp.mails).toHaveLength(0);
    clock.advance(30_000);
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    clock.advance(3_600_000);
    await worker.runOnce();
    expect(smtp.mails).toHaveLength(1);
    [item] = await store.listOutbox();
    expect(item).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a mailbox the server refuses (5xx) fails at once instead of retrying', async () => {
    const smtp = await startSmtp(0, ['nobody@example.test']);
    cleanups.push(smtp.close);
    const { store } = await openStore();
    const email = new SmtpEmailTransport({ host: '127.0.0.1', port: smtp.port }, { defaultFrom: FROM });
    cleanups.push(() => email.close());
    await store.commit({ outbox: [pending(emailEffect({ to: ['nobody@example.test'] }))] });
    const worker = new DeliveryWorker({ store, clock: new FakeClock(), transports: { ...createTransports({ outboxDir: tempDir(), defaultFrom: FROM }), email } });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    expect((await store.listOutbox())[0].lastError).toMatch(/SMTP refused the email to nobody@example\.test.*No such user/);
  });
});

describe('email as .eml files (the default with no SMTP server)', () => {
  it('writes <dir>/email/<key>.eml with the same headers SMTP would send; the same key overwrites its file', async () => {
    const dir = tempDir();
    const { store } = await openStore();
    const transports = createTransports({ outboxDir: dir, defaultFrom: FROM });
    expect(transports.email).toBeInstanceOf(EmlFileEmailTransport);
    await store.commit({ outbox: [pending(emailEffect())] });
    await new DeliveryWorker({ store, clock: new FakeClock(), transports }).runOnce();

    expect(readdirSync(join(dir, 'email'))).toEqual(['welcome+v1+c1+email-1+1.1.eml']);
    const file = join(dir, 'email', 'welcome+v1+c1+email-1+1.1.eml');
    const headers = parseHeaders(readFileSync(file, 'utf8'));
    expect(headers.get('subject')).toBe('Hi Ann');
    expect(headers.get('to')).toBe('ann@example.test');
    expect(headers.get('from')).toBe('Acme <hello@acme.test>');
    expect(headers.get('message-id')).toBe('<welcome+v1+c1+email-1+1.1@nudge.local>');
    expect(headers.get('x-nudge-idempotency-key')).toBe('welcome:v1:c1:email-1:1.1');
    expect(headers.get('date')).toBe('Fri, 04 Dec 2026 15:00:00 +0000');
    expect(readFileSync(file, 'utf8')).toContain('Welcome aboard.');

    // A resend after a crash: same key, same file, no second message.
    await transports.email.send(emailEffect({ subject: 'Hi Ann (again)' }));
    expect(readdirSync(join(dir, 'email'))).toEqual(['welcome+v1+c1+email-1+1.1.eml']);
    expect(parseHeaders(readFileSync(file, 'utf8')).get('subject')).toBe('Hi Ann (again)');
  });

  it('writes the very message SMTP sends (HTML with its text alternative, non-ASCII), with Unix line ends', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const options = { defaultFrom: FROM, trackLink: linkTracker({ baseUrl: 'http://127.0.0.1:4400', secret: 'eml-test-secret' }) };
    const email = new SmtpEmailTransport({ host: '127.0.0.1', port: smtp.port }, options);
    cleanups.push(() => email.close());
    const eml = new EmlFileEmailTransport(tempDir(), options);
    const effect = emailEffect({ subject: 'Grüße, Ann ☕', to: ['ann@example.test', 'Bo Smith <bo@example.test>'], body: '<p>Hi Ann, see <a href="https://acme.test/offer">the offer</a>.</p>' });
    await email.send(effect);
    await eml.send(effect);
    // Only the random MIME boundaries and the tokens' random nonces differ between two compositions.
    const same = (raw: string) => decodeQp(raw.replace(/\r\n/g, '\n')).replace(/--_NmP-[\w-]+/g, '--B').replace(/boundary="[^"]+"/g, 'boundary="B"').replace(/\/l\/[\w-]+/g, '/l/T');
    const written = readFileSync(eml.fileFor(effect.idempotencyKey), 'utf8');
    expect(written).not.toContain('\r');
    expect(same(written).trimEnd()).toBe(same(smtp.mails[0].raw).trimEnd());
  });
});
