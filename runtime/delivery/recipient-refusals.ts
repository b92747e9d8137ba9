/**
 * What an SMTP server said about each recipient of one message. SMTP
 * answers RCPT TO per address: in one message to three people the server
 * may take one, defer one (4xx: mailbox busy, greylisting) and refuse one
 * for good (5xx: no such user). Each answer is a fact about that address,
 * kept apart from the message's fate, so a staff notification to two
 * owners does not bounce both because one left the company.
 */

export interface RecipientRefusal {
  /** The address as it went into RCPT TO (bare, no display name). */
  address: string;
  /** 5xx: the address will not take mail (a hard bounce); 4xx: try again later. */
  permanent: boolean;
  /** The server's reply line, e.g. `550 5.1.1 No such user`. */
  reply: string;
}

/** What a transport resolves with when a message went out to some of its recipients only. */
export interface SendReceipt {
  refused: RecipientRefusal[];
}

interface NodemailerRecipientError {
  recipient?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/**
 * Nodemailer's per-recipient errors (`rejectedErrors`, on the info of a
 * message that went out, or on the error when every recipient was refused)
 * as refusals. A reply without a code is a temporary one: nothing says the
 * address is bad.
 */
export function refusalsFrom(rejectedErrors: unknown): RecipientRefusal[] {
  if (!Array.isArray(rejectedErrors)) return [];
  const out: RecipientRefusal[] = [];
  for (const e of rejectedErrors as NodemailerRecipientError[]) {
    if (typeof e?.recipient !== 'string') continue;
    const code = typeof e.responseCode === 'number' ? e.responseCode : Number(String(e.response ?? '').slice(0, 3));
    const reply = typeof e.response === 'string' ? e.response : String(e.message ?? 'refused');
    out.push({ address: e.recipient, permanent: code >= 500 && code < 600, reply: oneLine(reply) });
  }
  return out;
}

/** The bare, lower-cased address of a recipient written `Name <a@b>` or `a@b`. */
export function bareAddress(recipient: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(recipient);
  return (angle ? angle[1] : recipient).trim().toLowerCase();
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 300);
}
