/**
 * The `nudge.*` settings, read in one place with their defaults (the
 * manifest documents them; a test checks both list the same keys).
 */
import * as vscode from 'vscode';

export interface NudgeSettings {
  /** IANA zone; empty string: the machine's zone. */
  accountTimeZone: string;
  contactsFile: string;
  usersFile: string;
  horizonDays: number;
  runtimePort: number;
  runtimeClock: 'wall' | 'simulated';
  runtimeStoreFile: string;
  debounceMs: number;
  loaderTimeoutMs: number;
}

export { SETTING_KEYS } from './manifest-ids';

export function readSettings(scope?: vscode.Uri): NudgeSettings {
  const c = vscode.workspace.getConfiguration('nudge', scope);
  return {
    accountTimeZone: c.get<string>('accountTimeZone', ''),
    contactsFile: c.get<string>('contactsFile', ''),
    usersFile: c.get<string>('usersFile', ''),
    horizonDays: c.get<number>('dryRun.horizonDays', 30),
    runtimePort: c.get<number>('runtime.port', 4400),
    runtimeClock: c.get<'wall' | 'simulated'>('runtime.clock', 'wall'),
    runtimeStoreFile: c.get<string>('runtime.storeFile', '.nudge/store.json'),
    debounceMs: c.get<number>('diagnostics.debounceMs', 250),
    loaderTimeoutMs: c.get<number>('loader.timeoutMs', 2000),
  };
}

/** The account zone to use: the setting, else the machine's own zone. */
export function accountZone(settings: NudgeSettings): string {
  return settings.accountTimeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export const isSequenceDocument = (doc: vscode.TextDocument): boolean =>
  doc.uri.scheme === 'file' && doc.fileName.endsWith('.seq.ts');
