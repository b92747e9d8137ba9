/**
 * DKIM signing (RFC 6376) of outgoing email, by nodemailer's signer: the
 * SMTP transport's `dkim` option, and the same signer over the `.eml`
 * files, so the outbox folder holds what SMTP would have sent.
 *
 * The signed header list is ours, not the library default, so an upgrade
 * cannot drop one: RFC 8058 honours one-click unsubscribe only when the
 * signature covers both List-Unsubscribe and List-Unsubscribe-Post, and
 * Gmail and Yahoo want From aligned with the signing domain. A header a
 * message does not carry is simply not signed (nodemailer lists only the
 * ones present in `h=`).
 */
import DKIM from 'nodemailer/lib/dkim';

/** Plain data (it crosses to the delivery thread). */
export interface DkimSigning {
  /** `d=`: the domain whose DNS publishes the key, e.g. `acme.test` (TXT at `<selector>._domainkey.acme.test`). */
  domainName: string;
  /** `s=` */
  keySelector: string;
  /** PEM private key (RSA). */
  privateKey: string;
}

export const DKIM_SIGNED_HEADERS = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version',
  'Content-Type', 'Content-Transfer-Encoding', 'In-Reply-To', 'References',
  'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post',
].join(':');

export function dkimOptions(signing: DkimSigning): DKIM.SingleKeyOptions {
  return { ...signing, headerFieldNames: DKIM_SIGNED_HEADERS };
}

/** The raw message (CRLF line ends) with a DKIM-Signature header prepended. */
export function signMessage(raw: Buffer, signing: DkimSigning): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const out = new DKIM(dkimOptions(signing)).sign(raw);
    out.on('data', (c: Buffer) => chunks.push(c));
    out.on('end', () => resolve(Buffer.concat(chunks)));
    out.on('error', reject);
  });
}
