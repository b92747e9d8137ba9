/**
 * The store file's text, which LowdbStore hands to lowdb's TextFile rather
 * than letting lowdb's JSONFile stringify the data: JSONFile indents every
 * nested field (a much larger file, slower to write) and serialises in one
 * call that blocks the event loop. One line per record reads and
 * diffs well, but one JSON.stringify per record costs several times one
 * call per collection.
 * So: one top-level key a line; collections up to LINE_PER_RECORD_MAX
 * items one record a line (dev, test and sample stores stay readable);
 * bigger ones on a single compact line (`jq` reads them).
 * `JSON.parse` reads every form back.
 *
 * `storePieces` yields the same text in pieces of at most PIECE_RECORDS
 * records, so a compaction can serialise 50k contacts a slice at a time
 * and let requests run in between instead of blocking for the whole file.
 */

export const LINE_PER_RECORD_MAX = 1_000;
/** Records per piece of a large collection: a few ms of JSON.stringify each. */
export const PIECE_RECORDS = 2_000;

/** As JSON.stringify does inside arrays: what JSON cannot hold becomes null. */
function oneLine(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function* collection(items: unknown[], indent: string): Generator<string> {
  if (items.length === 0) return yield '[]';
  if (items.length > LINE_PER_RECORD_MAX) {
    // One compact line, stringified a slice at a time: `[a,b],[c]` without brackets joined by commas.
    yield '[';
    for (let i = 0; i < items.length; i += PIECE_RECORDS) {
      const slice = oneLine(items.slice(i, i + PIECE_RECORDS));
      yield (i === 0 ? '' : ',') + slice.slice(1, -1);
    }
    return yield ']';
  }
  const inner = indent + '  ';
  yield `[\n${inner}${items.map(oneLine).join(`,\n${inner}`)}\n${indent}]`;
}

/** An object whose values are collections (`fulfillmentLists`) or small values (`meta`), one key a line. */
function* keyed(value: Record<string, unknown>, indent: string): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return yield '{}';
  const inner = indent + '  ';
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i];
    yield `${i === 0 ? '' : ',\n'}${inner}${oneLine(k)}: `;
    if (Array.isArray(v)) yield* collection(v, inner);
    else yield oneLine(v);
  }
  yield `\n${indent}}`;
}

/** The store file's text, piece by piece (joined, exactly `stringifyStore`'s). */
export function* storePieces(data: object): Generator<string> {
  const entries = Object.entries(data).filter(([, v]) => v !== undefined);
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i];
    yield `${i === 0 ? '' : ',\n'}  ${oneLine(k)}: `;
    if (Array.isArray(v)) yield* collection(v, '  ');
    else if (typeof v === 'object' && v !== null) yield* keyed(v as Record<string, unknown>, '  ');
    else yield oneLine(v);
  }
  yield '\n}\n';
}

export function stringifyStore(data: object): string {
  let text = '';
  for (const piece of storePieces(data)) text += piece;
  return text;
}
