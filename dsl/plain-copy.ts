/**
 * Copies step parameters into the IR as plain JSON data. A `Date` becomes
 * its ISO text; a function, symbol or class instance (which plain
 * JavaScript can pass past the types) is an author mistake, reported with
 * where it was found instead of a raw clone error.
 */
import { DslError } from './errors';

export function plainCopy(value: unknown, where: string): unknown {
  // NaN and Infinity pass: the validator reports them with a code and the step's position.
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v, i) => plainCopy(v, `${where}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const copy = plainCopy(v, `${where}.${k}`);
      if (copy !== undefined) out[k] = copy;
    }
    return out;
  }
  throw new DslError(`${where} is a ${typeof value === 'object' ? value.constructor?.name ?? 'object' : typeof value}; sequences hold plain data only (text, numbers, booleans, lists, objects).`);
}
