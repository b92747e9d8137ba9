/**
 * Which kind of contacts source a file is, and what goes with it (users,
 * a scenario's own start). No vscode: the pickers in ask-options.ts use
 * these, and the tests call them on real files.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { readScenarioFile } from '../../runtime/hosts/dry-run/population';
import type { ContactsSource, PopulationRequest } from './worker-protocol';

/** Peeks at the first bytes only: a store can be tens of MB. */
function head(file: string, bytes = 4096): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * By name first (`*.scenario.json`, a `store.json`), as the setting's
 * documentation promises; otherwise by content: a JSON array is a contacts
 * file, an object with a `schemaVersion` a store, any other object a scenario.
 */
export function classifySource(file: string): ContactsSource['kind'] {
  const name = basename(file).toLowerCase();
  if (name.endsWith('.scenario.json')) return 'scenario';
  if (name === 'store.json' || basename(dirname(file)) === '.nudge') return 'store';
  if (/contacts[^/\\]*\.json$/.test(name)) return 'contacts';
  let text = '';
  try {
    text = head(file).trimStart();
  } catch {
    return 'contacts'; // unreadable: the worker's loader reports it with the path
  }
  if (text.startsWith('[')) return 'contacts';
  return /"schemaVersion"\s*:/.test(text) ? 'store' : 'scenario';
}

export const sourceOf = (file: string): ContactsSource => ({ kind: classifySource(file), file });

/** A setting's path: absolute as written, else relative to the workspace folder. */
export function resolveSettingPath(value: string, folder: string | undefined): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  if (isAbsolute(v)) return v;
  return folder ? resolve(folder, v) : undefined;
}

/**
 * Staff users: the nudge.usersFile setting, else a users.json beside a
 * contacts.json (the samples' layout). Scenarios name their own users file
 * and stores hold their users, so they get none from here.
 */
export function usersFileFor(source: ContactsSource, setting: string | undefined): string | undefined {
  if (setting) return setting;
  if (source.kind !== 'contacts') return undefined;
  const sibling = join(dirname(source.file), 'users.json');
  return existsSync(sibling) ? sibling : undefined;
}

export function populationRequest(source: ContactsSource, usersSetting: string | undefined): PopulationRequest {
  const usersFile = usersFileFor(source, usersSetting);
  return { from: 'files', source, ...(usersFile ? { usersFile } : {}) };
}

/** A scenario's own start and days, to offer as defaults; nothing when it has none or does not parse (the run reports that). */
export function scenarioDefaults(source: ContactsSource): { start?: number; days?: number } {
  if (source.kind !== 'scenario') return {};
  try {
    const s = readScenarioFile(source.file);
    return { ...(s.start !== undefined ? { start: s.start } : {}), ...(s.days !== undefined ? { days: s.days } : {}) };
  } catch {
    return {};
  }
}

export const KIND_LABEL: Record<ContactsSource['kind'], string> = {
  contacts: 'contacts file',
  scenario: 'scenario',
  store: 'lowdb store (read as a copy)',
};
