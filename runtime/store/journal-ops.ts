/**
 * What the journal records: every change a store accepts, as the call that
 * made it (commit, deleteContacts, putUsers, updateRecord), one JSON line
 * each, numbered. Replaying the lines in order through the same StoreCore
 * methods rebuilds the same state, so the journal cannot drift from what
 * memory held; the number (`seq`) lets a snapshot say which lines it
 * already contains, so a line is never applied twice.
 */
import { crc32 } from 'node:zlib';
import type { RecordType, StoreBatch } from './contact-store';
import type { User } from '../engine/model';
import type { StoreCore } from './store-core';

export type StoreOp =
  | { commit: StoreBatch }
  | { deleteContacts: string[] }
  | { putUsers: User[] }
  | { updateRecord: { type: RecordType; id: string; patch: Record<string, unknown> } };

/**
 * One journal line: the JSON, a tab and the CRC-32 of the JSON's UTF-8
 * bytes (8 hex digits). JSON never holds a raw tab, so the tab ends the
 * JSON unambiguously; the checksum tells a damaged line from a sound one
 * even when the damage leaves valid JSON. Lines without a tab (journals
 * of older versions) are read as plain JSON.
 *
 * JSON has no `undefined`, but a meta key set to `undefined` means
 * "delete it": those keys travel in `unset`.
 */
export function encodeOp(seq: number, op: StoreOp): string {
  let json: string;
  if ('commit' in op) {
    const meta = op.commit.meta;
    const unset = meta === undefined ? [] : Object.keys(meta).filter((k) => meta[k] === undefined);
    const tail = unset.length === 0 ? '' : `,"unset":${JSON.stringify(unset)}`;
    json = `{"seq":${seq},"commit":${JSON.stringify(op.commit)}${tail}}`;
  } else {
    json = `{"seq":${seq},${JSON.stringify(op).slice(1)}`;
  }
  return `${json}\t${checksumOf(json)}\n`;
}

/** The line checksum: CRC-32 of the JSON text, 8 lower-case hex digits. */
export const checksumOf = (json: string): string => crc32(json).toString(16).padStart(8, '0');

export interface JournalLine {
  seq: number;
  op: StoreOp;
}

/** The line's op, or a description of what is wrong with it. */
export function decodeOp(value: unknown): JournalLine | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.seq !== 'number' || !Number.isSafeInteger(v.seq) || v.seq < 1) return 'has no valid "seq" number';
  const isObj = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isObj(v.commit)) {
    const commit = v.commit as StoreBatch;
    if (Array.isArray(v.unset)) {
      commit.meta = { ...commit.meta };
      for (const k of v.unset) if (typeof k === 'string') commit.meta[k] = undefined;
    }
    return { seq: v.seq, op: { commit } };
  }
  if (Array.isArray(v.deleteContacts)) return { seq: v.seq, op: { deleteContacts: v.deleteContacts as string[] } };
  if (Array.isArray(v.putUsers)) return { seq: v.seq, op: { putUsers: v.putUsers as User[] } };
  if (isObj(v.updateRecord)) return { seq: v.seq, op: { updateRecord: v.updateRecord as never } };
  return 'holds no known change (commit, deleteContacts, putUsers or updateRecord)';
}

/** Applies a replayed op; throws (TypeError) on a malformed one, as the live call would have. */
export function applyOp(core: StoreCore, op: StoreOp): void {
  if ('commit' in op) core.apply(op.commit);
  else if ('deleteContacts' in op) core.deleteContacts(op.deleteContacts);
  else if ('putUsers' in op) core.putUsers(op.putUsers);
  else core.updateRecord(op.updateRecord.type, op.updateRecord.id, op.updateRecord.patch);
}
