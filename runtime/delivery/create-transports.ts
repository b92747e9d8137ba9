/**
 * The transports `nudge serve` uses, from its config: SMTP when configured
 * (else `.eml` files), faxes through the given provider (else `.txt` files),
 * letters as PDFs, HTTP Posts with the port rule. Every file lands under
 * `outboxDir` (`email/`, `fax/`, `letters/`), named by idempotency key.
 *
 * @example
 *   const transports = createTransports({
 *     outboxDir: 'outbox', defaultFrom: 'Acme <hello@acme.test>',
 *     smtp: { host: 'smtp.acme.test', port: 587, auth: { user: 'u', pass: 'p' } },
 *     trackLink: linkTracker({ baseUrl: 'https://nudge.acme.test', secret: linkKey }),
 *   });
 */
import type { DkimSigning } from './dkim';
import { createEmailTransport, type SmtpConfig } from './email-transport';
import { FaxTransport, FileFaxProvider, type FaxProvider } from './fax-transport';
import { HttpPostTransport, type HttpPostOptions } from './http-post-transport';
import type { LetterPdfOptions } from './letter-pdf';
import { PdfLetterTransport } from './letter-transport';
import type { ConsentLinks } from './consent-links';
import type { OpenPixel, TrackLink } from './link-tokens';
import type { Transports } from './transport';

export interface TransportsConfig {
  outboxDir: string;
  /** Sender of emails whose step names none. */
  defaultFrom: string;
  smtp?: SmtpConfig;
  /** DKIM key that signs every email (see dkim.ts). */
  dkim?: DkimSigning;
  trackLink?: TrackLink;
  openPixel?: OpenPixel;
  /** Unsubscribe and confirmation links of emails (List-Unsubscribe, `~Unsubscribe~`). */
  consentLinks?: ConsentLinks;
  messageIdDomain?: string;
  faxProvider?: FaxProvider;
  letter?: LetterPdfOptions;
  httpPost?: HttpPostOptions;
}

export function createTransports(config: TransportsConfig): Transports {
  return {
    email: createEmailTransport({
      outboxDir: config.outboxDir,
      smtp: config.smtp,
      dkim: config.dkim,
      defaultFrom: config.defaultFrom,
      trackLink: config.trackLink,
      openPixel: config.openPixel,
      consentLinks: config.consentLinks,
      messageIdDomain: config.messageIdDomain,
    }),
    fax: new FaxTransport(config.faxProvider ?? new FileFaxProvider(config.outboxDir)),
    letter: new PdfLetterTransport(config.outboxDir, config.letter),
    httpPost: new HttpPostTransport(config.httpPost),
  };
}

/** Closes what holds connections (SMTP); call on shutdown after stopping the worker. */
export async function closeTransports(transports: Transports): Promise<void> {
  await Promise.all(Object.values(transports).map((t: { close?: () => unknown }) => t.close?.()));
}
