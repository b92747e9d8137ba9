/**
 * Reading and checking a store file, shared by LowdbStore (which will write
 * it back) and openStoreCopy (which never will). Anything doubtful is an
 * error: a store that silently dropped half a damaged file would overwrite
 * the rest on its first write.
 */
import { readFile } from 'node:fs/promises';
import type { RecordType } from './contact-store';
import {
  checkConsentEntry,
  checkContact,
  checkEnrollment,
  checkHistoryEntry,
  checkOutboxItem,
  checkRecord,
  checkSuppressionEntry,
  checkUser,
  checkWakeup,
  firstProblem,
  isObject,
} from './store-checks';
import { RECORD_COLLECTIONS, STORE_SCHEMA_VERSION, emptyStoreData, type StoreData } from './store-data';
import { StoreFileError } from './store-file-error';

const RESTORE = 'Restore it from a backup or correct it by hand; to start an empty store instead, move the file aside.';

/** The file's data, or `null` if there is no such file. */
export async function readStoreFile(file: string): Promise<StoreData | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new StoreFileError(
      file,
      `cannot be read (${code ?? (error as Error).message})`,
      code === 'EISDIR' ? 'Give the path of a .json file, not a directory.' : 'Check that the path and its permissions are right.',
      { cause: error },
    );
  }
  if (text.trim() === '') throw new StoreFileError(file, 'is empty, not a Nudge store', RESTORE);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoreFileError(file, `is not valid JSON (${(error as Error).message})`, RESTORE, { cause: error });
  }
  return checkStoreData(value, file);
}

/** Checks the file's shape; missing collections are empty (older files), malformed ones are errors. */
export function checkStoreData(value: unknown, file: string): StoreData {
  if (!isObject(value)) {
    throw new StoreFileError(file, `holds ${Array.isArray(value) ? 'an array' : typeof value}, not a Nudge store object`, RESTORE);
  }
  const version = value.schemaVersion;
  if (version === undefined) {
    throw new StoreFileError(file, 'has no schemaVersion, so it is not a Nudge store file', 'Check the path (a contacts.json is loaded with --contacts, not as a store).');
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new StoreFileError(file, `has an invalid schemaVersion ${JSON.stringify(version)}`, RESTORE);
  }
  if (version > STORE_SCHEMA_VERSION) {
    throw new StoreFileError(
      file,
      `was written by a newer Nudge (schema version ${version}; this one reads ${STORE_SCHEMA_VERSION})`,
      'Upgrade Nudge to open it.',
    );
  }
  const data: StoreData = { ...emptyStoreData(), ...(value as Partial<StoreData>), schemaVersion: STORE_SCHEMA_VERSION };
  const problems = [
    firstProblem('contacts', data.contacts, checkContact),
    duplicateId('contacts', data.contacts),
    firstProblem('users', data.users, checkUser),
    duplicateId('users', data.users),
    ...Object.entries(RECORD_COLLECTIONS).map(([type, name]) =>
      firstProblem(name, data[name], (v) => checkRecord(v, type as RecordType)),
    ),
    isObject(data.fulfillmentLists)
      ? Object.entries(data.fulfillmentLists)
          .map(([list, entries]) =>
            firstProblem(`fulfillmentLists[${JSON.stringify(list)}]`, entries, (v) =>
              checkRecord(v, 'fulfillment') ?? ((v as { list: string }).list === list ? undefined : `list must be ${JSON.stringify(list)}`),
            ),
          )
          .find((p) => p !== undefined)
      : 'fulfillmentLists must be an object',
    firstProblem('enrollments', data.enrollments, checkEnrollment),
    firstProblem('wakeups', data.wakeups, (v) => checkWakeup(v, false)),
    firstProblem('outbox', data.outbox, checkOutboxItem),
    firstProblem('history', data.history, checkHistoryEntry),
    firstProblem('consent', data.consent, checkConsentEntry),
    firstProblem('suppression', data.suppression, checkSuppressionEntry),
    isObject(data.meta) ? undefined : 'meta must be an object',
    data.journalSeq === undefined || (Number.isSafeInteger(data.journalSeq) && data.journalSeq >= 0)
      ? undefined
      : 'journalSeq must be a whole number from 0',
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new StoreFileError(file, `is damaged: ${problems.slice(0, 3).join('; ')}${more}`, RESTORE);
  }
  return data;
}

function duplicateId(name: string, items: Array<{ id: string }>): string | undefined {
  if (!Array.isArray(items)) return undefined;
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const first = seen.get(items[i]?.id);
    if (first !== undefined) return `${name}[${i}]: id ${JSON.stringify(items[i].id)} is also ${name}[${first}]'s`;
    seen.set(items[i]?.id, i);
  }
  return undefined;
}
