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

/**
 * A whole number within [min, max], else the default: settings.json is
 * edited by hand, and VS Code only underlines a value of the wrong type.
 */
export function integerSetting(value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

export function readSettings(scope?: vscode.Uri): NudgeSettings {
  const c = vscode.workspace.getConfiguration('nudge', scope);
  const clock = c.get<string>('runtime.clock', 'wall');
  return {
    accountTimeZone: c.get<string>('accountTimeZone', ''),
    contactsFile: c.get<string>('contactsFile', ''),
    usersFile: c.get<string>('usersFile', ''),
    horizonDays: integerSetting(c.get('dryRun.horizonDays'), 30, 1),
    runtimePort: integerSetting(c.get('runtime.port'), 4400, 0, 65535),
    runtimeClock: clock === 'simulated' ? 'simulated' : 'wall',
    runtimeStoreFile: c.get<string>('runtime.storeFile', '.nudge/store.json'),
    debounceMs: integerSetting(c.get('diagnostics.debounceMs'), 250, 0),
    loaderTimeoutMs: integerSetting(c.get('loader.timeoutMs'), 2000, 200),
  };
}

/** The account zone to use: the setting, else the machine's own zone. */
export function accountZone(settings: NudgeSettings): string {
  return settings.accountTimeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export const isSequenceDocument = (doc: vscode.TextDocument): boolean =>
  doc.uri.scheme === 'file' && doc.fileName.endsWith('.seq.ts');
