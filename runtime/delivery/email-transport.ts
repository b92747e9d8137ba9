/**
 * Email delivery: SMTP through nodemailer when a server is configured, and
 * otherwise `.eml` files in the outbox folder, so `nudge serve` works out of
 * the box with no mail server (open the files in any mail client).
 */
import { join } from 'node:path';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { writeFileAtomic } from './atomic-file';
import { dkimOptions, signMessage, type DkimSigning } from './dkim';
import { DeliveryError, permanentFailure } from './delivery-error';
import { emailMessage, type EmailMessageOptions } from './email-message';
import { keyToName } from './key-names';
import { refusalsFrom, type SendReceipt } from './recipient-refusals';
import type { EmailEffect, Transport } from './transport';

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the start (usually port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  auth?: { user: string; pass: string };
  /** Give up on a silent server after this long (ms, default 30 s); the item is retried later. */
  timeoutMs?: number;
}

export class SmtpEmailTransport implements Transport<EmailEffect> {
  private readonly mailer: Transporter;

  constructor(config: SmtpConfig, private readonly options: EmailMessageOptions, dkim?: DkimSigning) {
    const timeout = config.timeoutMs ?? 30_000;
    this.mailer = createTransport({
      ...(dkim ? { dkim: dkimOptions(dkim) } : {}),
      host: config.host,
      port: config.port,
      secure: config.secure ?? false,
      auth: config.auth,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(effect: EmailEffect): Promise<void | SendReceipt> {
    let info: { rejectedErrors?: unknown };
    try {
      info = await this.mailer.sendMail(emailMessage(effect, this.options)) as { rejectedErrors?: unknown };
    } catch (error) {
      throw classifySmtpError(error, effect);
    }
    // Accepted for some recipients: the message is out; the others' replies are bounces to report.
    const refused = refusalsFrom(info.rejectedErrors);
    return refused.length > 0 ? { refused } : undefined;
  }

  close(): void {
    this.mailer.close();
  }
}

/**
 * SMTP says itself whether to try again: 4xx replies are temporary (greylisting,
 * mailbox busy), 5xx are final (no such user, rejected). Connection errors
 * carry no reply code: the server may come back, so they are retried. When
 * every recipient was refused, each one's reply decides: the message is
 * final only if every refusal is (a deferred recipient is tried again).
 */
function classifySmtpError(error: unknown, effect: EmailEffect): DeliveryError {
  const code = (error as { responseCode?: unknown }).responseCode;
  const reason = error instanceof Error ? error.message : String(error);
  const where = `email to ${effect.to.join(', ')} (contact ${effect.contactId}, step ${effect.stepId})`;
  const refused = refusalsFrom((error as { rejectedErrors?: unknown }).rejectedErrors);
  if (refused.length > 0) {
    const permanent = refused.every((r) => r.permanent);
    const replies = refused.map((r) => `${r.address}: ${r.reply}`).join('; ');
    return new DeliveryError(`SMTP ${permanent ? 'refused' : 'deferred'} the ${where}: ${replies}`, { permanent, refused, cause: error });
  }
  if (typeof code === 'number' && code >= 500) return permanentFailure(`SMTP refused the ${where}: ${reason}`, error);
  return new DeliveryError(`SMTP could not deliver the ${where}: ${reason}`, { cause: error });
}

/**
 * Writes `<dir>/email/<key>.eml`. The same key always names the same file,
 * so a resend after a crash overwrites instead of duplicating.
 */
export class EmlFileEmailTransport implements Transport<EmailEffect> {
  constructor(readonly dir: string, private readonly options: EmailMessageOptions, private readonly dkim?: DkimSigning) {}

  fileFor(key: string): string {
    return join(this.dir, 'email', `${keyToName(key)}.eml`);
  }

  async send(effect: EmailEffect): Promise<void> {
    await writeFileAtomic(this.fileFor(effect.idempotencyKey), await composeEml(emailMessage(effect, this.options), this.dkim));
  }
}

/**
 * The raw message with Unix line ends, built by nodemailer's MailComposer,
 * the same composer its transports use. A stream transport (`buffer: true,
 * newline: 'unix'`) gives the same bytes through a plugin pipeline and
 * stream plumbing that a file written whole does not need.
 */
async function composeEml(message: SendMailOptions, dkim: DkimSigning | undefined): Promise<Buffer> {
  const raw = await new Promise<Buffer>((resolve, reject) => {
    new MailComposer(message).compile().build((error, built) => (error ? reject(error) : resolve(built)));
  });
  // Signed as sent (CRLF), like the SMTP transport does, then stored with Unix line ends.
  const signed = dkim ? await signMessage(raw, dkim) : raw;
  // latin1 keeps every byte as it is; MIME output is 7-bit anyway.
  return Buffer.from(signed.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
}

export interface EmailTransportConfig extends EmailMessageOptions {
  /** SMTP server; without one, emails become `.eml` files in `outboxDir`. */
  smtp?: SmtpConfig;
  outboxDir: string;
  /** Sign every email (SMTP and .eml) with this key. */
  dkim?: DkimSigning;
}

export function createEmailTransport(config: EmailTransportConfig): Transport<EmailEffect> {
  const { smtp, outboxDir, dkim, ...message } = config;
  return smtp ? new SmtpEmailTransport(smtp, message, dkim) : new EmlFileEmailTransport(outboxDir, message, dkim);
}
