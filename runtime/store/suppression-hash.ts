/**
 * The suppression list's key: SHA-256 (hex) of the address, trimmed and
 * lower-cased (mail systems treat addresses case-insensitively in
 * practice, and a re-import may write one in any case).
 *
 * A plain hash, not a keyed one (HMAC): the list must keep working across
 * store copies, restores and key rotations, and match hashed lists from
 * other tools (mailing services export suppression lists the same way). A
 * plain hash is pseudonymous, not anonymous (someone holding a candidate
 * address can test it), which is what the list is for: recognising an
 * address again, without keeping it.
 */
import { createHash } from 'node:crypto';

export function normaliseAddress(email: string): string {
  return email.trim().toLowerCase();
}

export function suppressionHash(email: string): string {
  return createHash('sha256').update(normaliseAddress(email), 'utf8').digest('hex');
}
