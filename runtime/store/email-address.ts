/**
 * One email address, parsed strictly, the same at every entry (web forms,
 * the contacts API, contacts files): exactly one RFC 5322 addr-spec, as
 * `email-addresses` parses it, and nothing more. Refused: display names
 * (`Ann <a@x.test>`), comments (`a(x)@x.test`), groups and lists
 * (`a@x, b@y`), text around an address (`<evil@x.y>a`), quoted local parts
 * and domain literals (`"a b"@x`, `a@[1.2.3.4]`: legal, but only ever used
 * to slip something past a looser reader), control characters and lengths
 * over RFC 5321's (64 before the @, 254 in all). What remains can be
 * handed to SMTP as one recipient and nothing else.
 */
import { parseOneAddress } from 'email-addresses';

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;

/** Why `value` is not one plain email address, or undefined when it is. */
export function emailProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be text such as "ann@example.com"';
  const text = value.trim();
  if (text.length > MAX_ADDRESS) return `is longer than ${MAX_ADDRESS} characters`;
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) return 'holds a control character or line break';
  const parsed = parseOneAddress({ input: text, rfc6532: true, rejectTLD: false });
  if (parsed === null || parsed.type !== 'mailbox') return 'is not one email address such as "ann@example.com" (no lists, no <...>)';
  if (parsed.name !== null) return 'has a display name; send the address alone, such as "ann@example.com"';
  if (parsed.address !== text) return 'has comments, quotes or other text around the address; send the address alone';
  if (parsed.local.length > MAX_LOCAL) return `has more than ${MAX_LOCAL} characters before the @`;
  if (parsed.domain.startsWith('[')) return 'has an IP address for a domain; use a domain name';
  return undefined;
}

/** The address as the person typed it, without surrounding spaces. */
export const typedEmail = (value: string): string => value.trim();
