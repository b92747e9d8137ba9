/** Shared inputs of the dry-run tests: the samples, loaded as the CLI loads them. */
import { resolve } from 'node:path';
import type { SequenceIR } from '../../../dsl/ir';
import { loadSequenceFile } from '../../../dsl/loader/load';
import type { Contact, User } from '../../../runtime/engine/model';
import { loadContactsFile, loadUsersFile } from '../../../runtime/store/contact-file';

export const ROOT = resolve(__dirname, '../../..');
export const SAMPLE = resolve(ROOT, 'samples/lead-welcome.seq.ts');
export const CONTACTS_FILE = resolve(ROOT, 'samples/contacts.json');
export const USERS_FILE = resolve(ROOT, 'samples/users.json');
export const START = Date.parse('2026-12-01T14:00:00Z');
export const DAY = 86_400_000;

let sequences: Promise<SequenceIR[]> | undefined;
export const leadWelcome = (): Promise<SequenceIR[]> => (sequences ??= loadSequenceFile(SAMPLE, { timeoutMs: 10_000 }).then((l) => l.map((s) => s.ir)));

export const sampleContacts = (): Contact[] => loadContactsFile(CONTACTS_FILE).contacts;
export const sampleUsers = (): User[] => loadUsersFile(USERS_FILE);
