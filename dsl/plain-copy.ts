/**
 * Deep copies of JSON-shaped data: the DSL copies step parameters into the
 * IR with it, and the store copies what crosses its boundary. Plain objects
 * (prototype `Object.prototype` or none) and arrays are walked by hand,
 * which for small objects is several times faster than structuredClone;
 * what a value that is neither becomes (a Date, a function, a class
 * instance) is the caller's rule.
 */
import { DslError } from './errors';

export interface PlainCopyRules {
  /**
   * The copy of a value that is not a primitive, a plain object or an array.
   * `where` names its place (`step s1 (email).subject[0]`) when the copy was
   * started with one.
   */
  other(value: unknown, where: string | undefined): unknown;
  /** Leave out an object's keys whose value is `undefined` (the IR has none; a store patch may mean them). */
  dropUndefined?: boolean;
}

export function copyPlainData(value: unknown, rules: PlainCopyRules, where?: string): unknown {
  if (value === null || value === undefined) return value;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyPlainData(value[i], rules, where === undefined ? undefined : `${where}[${i}]`);
    return out;
  }
  const proto = type === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) return rules.other(value, where);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object)) {
    const copy = copyPlainData((value as Record<string, unknown>)[key], rules, where === undefined ? undefined : `${where}.${key}`);
    if (copy !== undefined || !rules.dropUndefined) out[key] = copy;
  }
  return out;
}

const IR_PARAMS: PlainCopyRules = {
  dropUndefined: true,
  other(value, where) {
    if (value instanceof Date) return value.toISOString();
    throw new DslError(`${where} is a ${typeof value === 'object' ? value?.constructor?.name ?? 'object' : typeof value}; sequences hold plain data only (text, numbers, booleans, lists, objects).`);
  },
};

/**
 * Step parameters as IR data: a `Date` becomes its ISO text; a function,
 * symbol or class instance (which plain JavaScript can pass past the types)
 * is an author mistake, reported with where it was found instead of a raw
 * clone error. NaN and Infinity pass: the validator reports them with a
 * code and the step's position.
 */
export function plainCopy(value: unknown, where: string): unknown {
  return copyPlainData(value, IR_PARAMS, where);
}
