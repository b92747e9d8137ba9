/**
 * Idempotency keys (`sequence:v1:contact:step:1.1`) turned into file names
 * and Message-IDs. The mapping is one-to-one, so two keys never share an
 * outbox file, and stable, so delivering a key again overwrites its own file.
 *
 * Letters, digits, `_` and `-` stay; `:` becomes `+` (readable); a `.` stays
 * unless it would start or end the name or follow another dot (hidden files,
 * `..`, invalid Message-ID dot-atoms); everything else, `+` and `%` included,
 * becomes `%XX` per UTF-8 byte. The result is both a portable file name and
 * a valid dot-atom for the left side of a Message-ID.
 */
import { createHash } from 'node:crypto';

/** File names longer than this get a hash suffix instead (most file systems stop at 255 bytes). */
const MAX_NAME = 180;

export function keyToName(key: string): string {
  let out = '';
  const chars = [...key];
  chars.forEach((ch, i) => {
    if (/^[A-Za-z0-9_-]$/.test(ch)) out += ch;
    else if (ch === ':') out += '+';
    else if (ch === '.' && i > 0 && i < chars.length - 1 && chars[i - 1] !== '.') out += '.';
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  });
  if (out.length <= MAX_NAME) return out;
  // Still one-to-one in practice: the hash names the whole key.
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return `${out.slice(0, MAX_NAME - 17)}-${hash}`;
}

/** The Message-ID of the email with this key: the same on every resend. */
export function messageIdFor(key: string, domain = 'nudge.local'): string {
  return `<${keyToName(key)}@${domain}>`;
}
