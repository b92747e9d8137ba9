/**
 * The id a customer reads for an order (`~Order.Id~`, an invoice, a fax):
 * short and free of the internal record key, which spells out the sequence,
 * its version, the contact id and the step. Derived from that key, so the dry
 * run and the runtime give the same order the same public id, and a replayed
 * step the same one again.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base 32: no I, L, O, U
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

/** FNV-1a, 64 bit: 60 of its bits make 12 characters, so collisions stay negligible at millions of orders. */
function fnv64(text: string): bigint {
  let h = FNV_OFFSET;
  for (const ch of text) {
    h ^= BigInt(ch.codePointAt(0)!);
    h = (h * FNV_PRIME) & MASK64;
  }
  return h;
}

/** `ORD-` and 12 base-32 characters, for the order whose record id is `recordId`. */
export function orderPublicId(recordId: string): string {
  let h = fnv64(recordId);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out = ALPHABET[Number(h & 31n)] + out;
    h >>= 5n;
  }
  return `ORD-${out}`;
}
