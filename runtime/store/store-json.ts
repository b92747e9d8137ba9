/**
 * The store file's text. lowdb's JSONFile indents every nested field: about
 * 60% larger and 40% slower to write at 100k contacts, and the write
 * blocks the event loop while it serialises. One line per record reads and
 * diffs well, but calling JSON.stringify per record is about three times
 * as slow as one call per collection (10k contacts: ~110 ms against ~40).
 * So: one top-level key a line; collections up to LINE_PER_RECORD_MAX
 * items one record a line (dev, test and sample stores stay readable);
 * bigger ones on a single compact line (`jq` reads them).
 * `JSON.parse` reads every form back.
 */

export const LINE_PER_RECORD_MAX = 1_000;

/** As JSON.stringify does inside arrays: what JSON cannot hold becomes null. */
function oneLine(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function collection(items: unknown[], indent: string): string {
  if (items.length === 0 || items.length > LINE_PER_RECORD_MAX) return oneLine(items);
  const inner = indent + '  ';
  return `[\n${inner}${items.map(oneLine).join(`,\n${inner}`)}\n${indent}]`;
}

/** An object whose values are collections (`fulfillmentLists`) or small values (`meta`), one key a line. */
function keyed(value: Record<string, unknown>, indent: string): string {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const inner = indent + '  ';
  const lines = entries.map(([k, v]) => `${inner}${oneLine(k)}: ${Array.isArray(v) ? collection(v, inner) : oneLine(v)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

export function stringifyStore(data: object): string {
  const lines = Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const text = Array.isArray(v)
        ? collection(v, '  ')
        : typeof v === 'object' && v !== null
          ? keyed(v as Record<string, unknown>, '  ')
          : oneLine(v);
      return `  ${oneLine(k)}: ${text}`;
    });
  return `{\n${lines.join(',\n')}\n}\n`;
}
