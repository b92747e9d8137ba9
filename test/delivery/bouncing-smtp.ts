// A real SMTP server on 127.0.0.1 that refuses some recipients for good
// (550 5.1.1 at RCPT TO), defers others (451 4.2.1 at RCPT TO), takes the
// rest, and counts every RCPT TO it was asked, per address.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseHeaders, type ReceivedMail } from './helpers';

export interface BouncingSmtp {
  port: number;
  mails: ReceivedMail[];
  /** RCPT TO commands seen, per address (lower-cased). */
  rcptAttempts: Map<string, number>;
  close(): Promise<void>;
}

export async function startBouncingSmtp(options: { hard?: string[]; soft?: string[] }): Promise<BouncingSmtp> {
  const hard = new Set((options.hard ?? []).map((a) => a.toLowerCase()));
  const soft = new Set((options.soft ?? []).map((a) => a.toLowerCase()));
  const mails: ReceivedMail[] = [];
  const rcptAttempts = new Map<string, number>();
  const refuse = (code: number, text: string): Error => Object.assign(new Error(text), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const a = address.address.toLowerCase();
      rcptAttempts.set(a, (rcptAttempts.get(a) ?? 0) + 1);
      if (hard.has(a)) return callback(refuse(550, '5.1.1 <' + a + '>: Recipient address rejected: User unknown in virtual mailbox table'));
      if (soft.has(a)) return callback(refuse(451, '4.2.1 <' + a + '>: Mailbox temporarily unavailable, try again later'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ raw, headers: parseHeaders(raw), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, rcptAttempts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
