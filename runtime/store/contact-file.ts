/**
 * Loading contacts.json and users.json (SEMANTICS §5). A contacts file from
 * a CRM export always has a few bad records: each is reported with how to
 * fix it and the load goes on. Only a file that is not a JSON array of
 * records at all is an error.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { NudgeError } from '../../errors/nudge-error';
import type { Contact, User } from '../engine/model';
import type { ContactStore } from './contact-store';
import type { ConsentEntry, SuppressionEntry } from '../engine/consent';
import { emailStatusOf, statusWithSuppression, suppresses } from '../engine/email-status';
import { suppressionHash } from './suppression-hash';
import { checkContactRecord, type ContactProblem } from './contact-checks';

export type { ContactProblem } from './contact-checks';

export class ContactFileError extends NudgeError<'NUDGE_ERR_CONTACT_FILE'> {
  override name = 'ContactFileError';
  constructor(readonly file: string, problem: string, options?: { cause?: unknown }) {
    super('NUDGE_ERR_CONTACT_FILE', { file, problem }, options);
  }
}

/** The array a contacts or users file holds, or a clear error. */
function parseArray(json: string, source: string, what: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ContactFileError(source, `is not valid JSON (${(error as Error).message}). Fix the syntax; the file must be an array of ${what} records.`, { cause: error });
  }
  if (!Array.isArray(value)) {
    const got = value === null ? 'null' : typeof value;
    throw new ContactFileError(source, `must be a JSON array of ${what} records ([{ "id": ... }, ...]), not ${got === 'object' ? 'an object' : got}.`);
  }
  return value;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ContactFileError(path, `cannot be read (${code}). Check the path.`, { cause: error });
  }
}

interface Parsed<T> {
  /** Kept records with their position in the file's array. */
  records: Array<{ record: T; index: number }>;
  problems: ContactProblem[];
}

/** Drops records without a usable or unique id (reported); the first of two same ids wins. */
function withIds<T extends { id: string }>(items: unknown[], what: string): Parsed<T> {
  const records: Array<{ record: T; index: number }> = [];
  const problems: ContactProblem[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ index, field: 'record', message: `the record must be an object { "id": ... }, not ${JSON.stringify(item)}; this record was skipped.` });
      return;
    }
    const id = (item as { id?: unknown }).id;
    if (typeof id !== 'string' || id.trim() === '') {
      const got = id === undefined ? 'it has none' : `got ${JSON.stringify(id)}`;
      problems.push({ index, field: 'id', message: `every ${what} needs an id, a non-empty string such as "c42" (${got}); this record was skipped.` });
      return;
    }
    const first = firstIndex.get(id);
    if (first !== undefined) {
      problems.push({ contactId: id, index, field: 'id', message: `id "${id}" is already used by record ${first}; this record was skipped. Give each ${what} its own id.` });
      return;
    }
    firstIndex.set(id, index);
    records.push({ record: item as T, index });
  });
  return { records, problems };
}

export interface ContactLoadOptions {
  /** Known user ids: a contact whose ownerId is not among them is reported. */
  userIds?: Iterable<string>;
}

/** Contacts of a contacts.json text; `source` names the file in errors. */
export function parseContacts(
  json: string,
  source: string,
  options: ContactLoadOptions = {},
): { contacts: Contact[]; problems: ContactProblem[] } {
  const { records, problems } = withIds<Contact>(parseArray(json, source, 'contact'), 'contact');
  const userIds = options.userIds === undefined ? undefined : new Set(options.userIds);
  for (const { record, index } of records) {
    problems.push(...checkContactRecord(record as Record<string, unknown>, index));
    if (userIds !== undefined && typeof record.ownerId === 'string' && !userIds.has(record.ownerId)) {
      problems.push({
        contactId: record.id,
        index,
        field: 'ownerId',
        message: `ownerId "${record.ownerId}" is not a known user; add the user or fix ownerId, or ~Owner.*~ merge fields stay empty.`,
      });
    }
  }
  return { contacts: records.map((r) => r.record), problems: problems.sort((a, b) => a.index - b.index) };
}

export function loadContactsFile(path: string, options?: ContactLoadOptions): { contacts: Contact[]; problems: ContactProblem[] } {
  return parseContacts(readText(path), path, options);
}

/** Users of a users.json text, with problems reported like contacts'. */
export function parseUsers(json: string, source: string): { users: User[]; problems: ContactProblem[] } {
  const { records, problems } = withIds<User>(parseArray(json, source, 'user'), 'user');
  return { users: records.map((r) => r.record), problems };
}

/**
 * The staff users of a users.json. Unlike contacts, a bad user record stops
 * the load: there are a handful, and a missing owner or assignee would make
 * tasks and round-robins go to the wrong person.
 */
export function loadUsersFile(path: string): User[] {
  const { users, problems } = parseUsers(readText(path), path);
  if (problems.length > 0) {
    throw new ContactFileError(path, problems.map((p) => `record ${p.index}: ${p.message}`).join(' '));
  }
  return users;
}

/**
 * Commits the contacts (and users) of the files into `store`, replacing
 * contacts with the same id, and flushes. With a users file, contacts whose
 * owner is not among the users (of the file or already in the store) are
 * reported too.
 */
export async function seedStoreFromFiles(
  store: ContactStore,
  contactsPath: string,
  usersPath?: string,
  at = Date.now(),
): Promise<{ contacts: number; users: number; problems: ContactProblem[] }> {
  const users = usersPath === undefined ? [] : loadUsersFile(usersPath);
  const userIds = usersPath === undefined ? undefined : [...(await store.listUsers()), ...users].map((u) => u.id);
  const { contacts, problems } = loadContactsFile(contactsPath, { userIds });
  if (users.length > 0) await store.putUsers(users);
  // Batches keep one commit (and its clone) small; the store groups the file writes.
  for (let i = 0; i < contacts.length; i += 1000) await store.commit(await importBatch(store, contacts.slice(i, i + 1000), basename(contactsPath), at));
  await store.flush();
  return { contacts: contacts.length, users: users.length, problems };
}

/**
 * Imported contacts as the live host creates them: each starts its consent
 * ledger (source `import`, the file's name), an address on the
 * suppression list gets its listed status, so a re-import is never mailed,
 * and one the file marks as opted out is listed.
 */
async function importBatch(store: ContactStore, contacts: Contact[], file: string, at: number) {
  const hashes = contacts.map((c) => (typeof c.email === 'string' && c.email.trim() !== '' ? suppressionHash(c.email) : ''));
  const listed = await store.suppressed(hashes.filter((h) => h !== ''));
  const consent: ConsentEntry[] = [];
  const suppress: SuppressionEntry[] = [];
  const imported = contacts.map((c, i) => {
    const entry = listed.get(hashes[i]);
    const before = emailStatusOf(c);
    const line = (event: ConsentEntry['event'], status: ConsentEntry['status'], kind: ConsentEntry['source']['kind']): ConsentEntry => {
      const l: ConsentEntry = { contactId: c.id, at, event, status, source: kind === 'import' ? { kind, id: file } : { kind } };
      if (typeof c.email === 'string' && c.email.trim() !== '') l.email = c.email;
      return l;
    };
    consent.push(line('created', before, 'import'));
    // The file says the person opted out elsewhere: never mail the address, even after erasure.
    if (entry === undefined && hashes[i] !== '' && suppresses(before)) suppress.push({ hash: hashes[i], status: before, at, source: 'import' });
    const status = statusWithSuppression(before, entry?.status);
    if (entry === undefined || status === before) return c;
    consent.push(line('suppressed', status, entry.source));
    return { ...c, emailStatus: status };
  });
  return { contacts: imported, consent, suppress };
}
