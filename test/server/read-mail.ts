// Reads a message as an SMTP server received it: headers (unfolded, encoded
// words decoded) and its text and HTML parts (quoted-printable or base64
// decoded). Enough for what nodemailer's MailComposer writes; no MIME
// library is installed.

export interface ReadMail {
  /** Header names in order, lower case. */
  headerNames: string[];
  header(name: string): string | undefined;
  text?: string;
  html?: string;
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  return at < 0 ? { head: raw, body: '' } : { head: raw.slice(0, at), body: raw.slice(at + 4) };
}

function headers(head: string): Array<[string, string]> {
  // Folded lines (CRLF then space or tab) continue the previous header.
  return head.replace(/\r\n(?=[ \t])/g, '').split('\r\n').filter(Boolean).map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
  });
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g, (_all, _charset, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function parts(raw: string, into: { text?: string; html?: string }): void {
  const { head, body } = splitHead(raw);
  const h = new Map(headers(head));
  const type = h.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/') && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      parts(part.replace(/^\r\n/, '').replace(/\r\n$/, ''), into);
    }
    return;
  }
  const text = decodeBody(body, h.get('content-transfer-encoding')?.toLowerCase());
  if (type.startsWith('text/html')) into.html = text;
  else if (type.startsWith('text/plain')) into.text = text;
}

export function readMail(raw: string): ReadMail {
  const { head } = splitHead(raw);
  const list = headers(head);
  const found: { text?: string; html?: string } = {};
  parts(raw, found);
  return {
    headerNames: list.map(([n]) => n),
    header: (name) => {
      const v = list.find(([n]) => n === name.toLowerCase())?.[1];
      return v === undefined ? undefined : decodeWords(v);
    },
    ...found,
  };
}
