// A DKIM verifier for the tests (RFC 6376, rsa-sha256, relaxed/relaxed, the
// only combination we sign with): checks the body hash and the signature
// against the public key, so a test proves the signature is valid and
// which headers it covers, not just that a header is there.
import { createHash, createVerify, type KeyObject } from 'node:crypto';

export interface DkimCheck {
  tags: Map<string, string>;
  /** Header names covered (h=), lower-cased, in order. */
  signed: string[];
  bodyHashOk: boolean;
  signatureOk: boolean;
}

function splitMessage(raw: string): { headers: string[]; body: string } {
  const text = raw.replace(/\r?\n/g, '\r\n');
  const end = text.indexOf('\r\n\r\n');
  const head = text.slice(0, end);
  const headers: string[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1] += `\r\n${line}`;
    else headers.push(line);
  }
  return { headers, body: text.slice(end + 4) };
}

const relaxedHeader = (field: string): string => {
  const i = field.indexOf(':');
  const name = field.slice(0, i).trim().toLowerCase();
  const value = field.slice(i + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${name}:${value}`;
};

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

export function verifyDkim(raw: string, publicKey: KeyObject): DkimCheck {
  const { headers, body } = splitMessage(raw);
  const sigField = headers.find((h) => /^dkim-signature:/i.test(h));
  if (!sigField) throw new Error('no DKIM-Signature header');
  const tags = new Map(sigField.slice(sigField.indexOf(':') + 1).replace(/\s+/g, '').split(';').filter(Boolean).map((t) => {
    const i = t.indexOf('=');
    return [t.slice(0, i), t.slice(i + 1)] as [string, string];
  }));
  if (tags.get('a') !== 'rsa-sha256' || tags.get('c') !== 'relaxed/relaxed') throw new Error(`unexpected a=${tags.get('a')} c=${tags.get('c')}`);
  const signed = (tags.get('h') ?? '').split(':').map((h) => h.toLowerCase());
  const bodyHashOk = createHash('sha256').update(relaxedBody(body)).digest('base64') === tags.get('bh');
  // Each h= name takes the last unused instance of that header, bottom up.
  const used = new Set<number>();
  const lines: string[] = [];
  for (const name of signed) {
    for (let i = headers.length - 1; i >= 0; i--) {
      if (used.has(i) || headers[i].slice(0, headers[i].indexOf(':')).trim().toLowerCase() !== name) continue;
      used.add(i);
      lines.push(relaxedHeader(headers[i]));
      break;
    }
  }
  const sigWithoutB = relaxedHeader(sigField).replace(/b=[^;]*$/, 'b=').replace(/(;\s*b=)[^;]*(;|$)/, '$1$2');
  const data = `${lines.map((l) => `${l}\r\n`).join('')}${sigWithoutB}`;
  const signatureOk = createVerify('RSA-SHA256').update(data).verify(publicKey, tags.get('b') ?? '', 'base64');
  return { tags, signed, bodyHashOk, signatureOk };
}
