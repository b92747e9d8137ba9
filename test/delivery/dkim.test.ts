/**
 * DKIM signing from config: every email carries a DKIM-Signature that a
 * verifier accepts with the public key (body hash and signature), covering
 * From and Subject, and List-Unsubscribe and List-Unsubscribe-Post when the
 * message has them (RFC 8058 honours one-click only then). The .eml outbox
 * is signed the same way. A key that cannot be used stops the start with
 * one line.
 */
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { dkimOptions, type DkimSigning } from '../../runtime/delivery/dkim';
import { EmlFileEmailTransport, SmtpEmailTransport } from '../../runtime/delivery/email-transport';
import { emailMessage } from '../../runtime/delivery/email-message';
import { NudgeError } from '../../errors/nudge-error';
import { loadDkimKey } from '../../runtime/server/dkim-key';
import { nudge } from '../cli/run-nudge';
import { verifyDkim } from './dkim-verify';
import { decodeQp, emailEffect, startSmtp, tempDir } from './helpers';

const FROM = 'Acme <hello@acme.test>';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function keyFile(): { file: string; dir: string; signing: DkimSigning } {
  const dir = tempDir('nudge-dkim-');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const file = join(dir, 'dkim.pem');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const signing = loadDkimKey({ domain: 'acme.test', selector: 'nudge2026', privateKeyFile: file })!;
  return { file, dir, signing };
}
const publicKeyOf = (signing: DkimSigning) => createPublicKey(signing.privateKey);

describe('DKIM signing', () => {
  it('an email sent over SMTP carries a valid DKIM-Signature for the configured domain and selector, covering From and Subject', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const { signing } = keyFile();
    const email = new SmtpEmailTransport({ host: '127.0.0.1', port: smtp.port }, { defaultFrom: FROM }, signing);
    cleanups.push(() => email.close());
    await email.send(emailEffect({ subject: 'Welcome, Ann', body: '<p>Hello Ann,</p><p>Thanks for joining.</p>' }));

    const check = verifyDkim(smtp.mails[0].raw, publicKeyOf(signing));
    expect(check.tags.get('d')).toBe('acme.test');
    expect(check.tags.get('s')).toBe('nudge2026');
    expect(check.signed).toEqual(expect.arrayContaining(['from', 'subject', 'date', 'message-id', 'to', 'content-type', 'mime-version']));
    expect(check.signed).not.toContain('list-unsubscribe'); // not in this message: not listed
    expect(check.bodyHashOk).toBe(true);
    expect(check.signatureOk).toBe(true);
    // A verifier that sees a changed subject refuses it: the check is real.
    expect(verifyDkim(smtp.mails[0].raw.replace('Subject: Welcome, Ann', 'Subject: Welcome, Bob'), publicKeyOf(signing)).signatureOk).toBe(false);
  });

  it('the signed header list covers List-Unsubscribe and List-Unsubscribe-Post when a message has them', async () => {
    const smtp = await startSmtp();
    cleanups.push(smtp.close);
    const { signing } = keyFile();
    // The transport options SmtpEmailTransport uses, on a message that has the unsubscribe headers.
    const mailer = createTransport({ host: '127.0.0.1', port: smtp.port, dkim: dkimOptions(signing) });
    cleanups.push(() => mailer.close());
    await mailer.sendMail({
      ...emailMessage(emailEffect(), { defaultFrom: FROM }),
      headers: {
        'List-Unsubscribe': '<https://nudge.acme.test/u/opaque-token>, <mailto:unsubscribe@acme.test?subject=opaque-token>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    const check = verifyDkim(smtp.mails[0].raw, publicKeyOf(signing));
    expect(check.signed).toEqual(expect.arrayContaining(['from', 'subject', 'list-unsubscribe', 'list-unsubscribe-post']));
    expect(check.signatureOk).toBe(true);
    const tampered = smtp.mails[0].raw.replace('List-Unsubscribe=One-Click', 'List-Unsubscribe=Other');
    expect(verifyDkim(tampered, publicKeyOf(signing)).signatureOk).toBe(false);
  });

  it('signs the .eml outbox files the same way', async () => {
    const { signing } = keyFile();
    const dir = tempDir();
    const email = new EmlFileEmailTransport(dir, { defaultFrom: FROM }, signing);
    await email.send(emailEffect({ subject: 'Grüße, Ann' }));
    const raw = readFileSync(email.fileFor(emailEffect().idempotencyKey), 'latin1');
    expect(raw).not.toContain('\r\n');
    const check = verifyDkim(raw, publicKeyOf(signing));
    expect(check.bodyHashOk && check.signatureOk).toBe(true);
    expect(decodeQp(raw)).toContain('Welcome aboard.');
  });

  it('a key that cannot be used is one clear error naming the file', () => {
    const dir = tempDir('nudge-dkim-');
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const notKey = join(dir, 'not-a-key.pem');
    writeFileSync(notKey, '-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n');
    const ec = join(dir, 'ec.pem');
    writeFileSync(ec, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'missing.pem'), /missing\.pem .* cannot be used: no such file\./],
      [folder, /a-folder .* cannot be used: it is a folder\./],
      [notKey, /not-a-key\.pem .* cannot be used: it is not a PEM private key\./],
      [ec, /ec\.pem .* cannot be used: it is an ec key; DKIM signing here takes an RSA key\./],
    ];
    for (const [file, message] of cases) {
      let error: unknown;
      try {
        loadDkimKey({ domain: 'acme.test', selector: 's1', privateKeyFile: file }, '/srv/nudge.config.json');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NudgeError);
      expect((error as NudgeError).code).toBe('NUDGE_ERR_DKIM_KEY');
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain('dkim.privateKeyFile in /srv/nudge.config.json');
      expect((error as Error).message).not.toMatch(/\n/);
    }
  });

  it('nudge serve with an unreadable key stops at start with that one line', () => {
    const dir = tempDir('nudge-dkim-serve-');
    writeFileSync(join(dir, 'nudge.config.json'), JSON.stringify({ dkim: { domain: 'acme.test', selector: 's1', privateKeyFile: 'keys/dkim.pem' } }));
    const r = nudge(['serve', '--dir', dir, '--port', '0'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/NUDGE_ERR_DKIM_KEY.*keys\/dkim\.pem \(dkim\.privateKeyFile in .*nudge\.config\.json\) cannot be used: no such file\./);
  });
});
