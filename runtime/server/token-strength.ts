/**
 * Is an API token strong enough to guard the contacts' data? The bearer
 * token is the only thing between the network and every route, so a short
 * or guessable one is refused at start-up. "Strong" is judged from the
 * token alone: at least 32 characters, not one short pattern repeated,
 * most of its 3-character pieces distinct (no word used twice), and at
 * least 96 bits by the character-frequency (Shannon) estimate. A
 * generated token (32 random bytes, base64url: 43 characters, about 200
 * bits) always passes; so do 32 random hex digits.
 */

export const MIN_TOKEN_LENGTH = 32;
const MIN_ESTIMATED_BITS = 96;

/** What is weak about `token` (never quoting it), or null if it is strong enough. */
export function tokenWeakness(token: string): string | null {
  const chars = [...token];
  if (chars.length < MIN_TOKEN_LENGTH) return `is ${chars.length} characters long, fewer than ${MIN_TOKEN_LENGTH}`;
  if (repeatsShortUnit(token)) return 'is one short pattern repeated';
  if (distinctTrigramShare(token) < 0.75) return 'repeats parts of itself (a word or pattern used more than once)';
  const bits = estimatedBits(chars);
  if (bits < MIN_ESTIMATED_BITS) return `has too little variety (about ${Math.floor(bits)} bits by character frequency; at least ${MIN_ESTIMATED_BITS} are needed)`;
  return null;
}

/** Characters × the Shannon entropy of their frequencies in the token. */
function estimatedBits(chars: string[]): number {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/** Share of its 3-character pieces that occur once: about 1 for a random token, low for "passwordpassword…". */
function distinctTrigramShare(token: string): number {
  const pieces = token.length - 2;
  const seen = new Set<string>();
  for (let i = 0; i < pieces; i++) seen.add(token.slice(i, i + 3));
  return seen.size / pieces;
}

/** True for a token made of one unit of at most half its length, repeated ("abcdabcd…"). */
function repeatsShortUnit(token: string): boolean {
  return /^(.{1,}?)\1+$/su.test(token) && token.length >= 2;
}
