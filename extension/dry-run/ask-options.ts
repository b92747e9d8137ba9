/**
 * Asking for the dry run's inputs: the contacts source (the setting, else
 * the one remembered for this workspace, else a QuickPick of the workspace's
 * candidates plus "Browse…"), the start instant and the horizon. Every
 * answer is remembered in workspaceState, so a second run is two Enters.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { NudgeSettings } from '../config';
import { KIND_LABEL, resolveSettingPath, sourceOf } from './contacts-source';
import { formatStart, nextWholeHour, parseHorizonDays, parseStart } from './start-time';
import type { ContactsSource } from './worker-protocol';

const CONTACTS_KEY = 'nudge.dryRun.contactsFile';
const START_KEY = 'nudge.dryRun.start';
const EXCLUDE = '{**/node_modules/**,**/dist/**}';

/** The source to use now; undefined when the user dismissed the picker or the setting is wrong (already reported). */
export async function contactsSource(context: vscode.ExtensionContext, folder: string | undefined, settings: NudgeSettings): Promise<ContactsSource | undefined> {
  const configured = resolveSettingPath(settings.contactsFile, folder);
  if (configured) {
    if (existsSync(configured)) return sourceOf(configured);
    const open = 'Open Settings';
    const answer = await vscode.window.showErrorMessage(
      `The setting nudge.contactsFile names ${configured}, which does not exist. Fix the path (relative to the workspace folder), or clear the setting to pick the contacts from a list.`,
      open,
    );
    if (answer === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'nudge.contactsFile');
    return undefined;
  }
  const remembered = context.workspaceState.get<string>(CONTACTS_KEY);
  if (remembered && existsSync(remembered)) return sourceOf(remembered);
  return pickContactsSource(context, folder, settings);
}

async function candidates(folder: string | undefined, settings: NudgeSettings): Promise<string[]> {
  const found = await Promise.all(
    ['**/*contacts*.json', '**/*.scenario.json', '**/.nudge/store.json'].map((glob) => vscode.workspace.findFiles(glob, EXCLUDE, 50)),
  );
  const files = new Set(found.flat().map((u) => u.fsPath));
  // The runtime's own store, wherever the setting puts it.
  const store = resolveSettingPath(settings.runtimeStoreFile, folder);
  if (store && existsSync(store)) files.add(store);
  return [...files].sort();
}

type SourceItem = vscode.QuickPickItem & { file?: string };

/** The QuickPick (also the `nudge.chooseDryRunContacts` command); remembers the choice. */
export async function pickContactsSource(context: vscode.ExtensionContext, folder: string | undefined, settings: NudgeSettings): Promise<ContactsSource | undefined> {
  const remembered = context.workspaceState.get<string>(CONTACTS_KEY);
  const items: SourceItem[] = (await candidates(folder, settings)).map((file) => ({
    label: basename(file),
    description: vscode.workspace.asRelativePath(file),
    detail: KIND_LABEL[sourceOf(file).kind] + (file === remembered ? ' · current choice' : ''),
    file,
  }));
  items.push({ label: '$(folder-opened) Browse…', description: 'a contacts.json, a *.scenario.json or a store.json anywhere' });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Nudge: Dry Run Contacts',
    placeHolder: items.length > 1 ? 'Contacts for the dry run (a store is read as a copy, never modified)' : 'No contacts files found in the workspace: browse for one',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  let file = picked.file;
  if (!file) {
    const chosen = await vscode.window.showOpenDialog({
      title: 'Contacts for the dry run',
      canSelectMany: false,
      filters: { 'Contacts, scenario or store (JSON)': ['json'] },
      defaultUri: folder ? vscode.Uri.file(folder) : undefined,
    });
    file = chosen?.[0]?.fsPath;
    if (!file) return undefined;
  }
  await context.workspaceState.update(CONTACTS_KEY, file);
  return sourceOf(file);
}

/** The start instant; the box holds the scenario's start, else the last one typed, else the next whole hour. */
export async function askStart(context: vscode.ExtensionContext, accountZone: string, scenarioStart?: number): Promise<number | undefined> {
  const value = scenarioStart !== undefined ? formatStart(scenarioStart) : context.workspaceState.get<string>(START_KEY) ?? formatStart(nextWholeHour(Date.now()));
  const text = await vscode.window.showInputBox({
    title: 'Nudge: Dry Run start',
    prompt: `When the contacts enter the sequences: an ISO date and time (with Z or an offset; without one, in the account zone ${accountZone})`,
    value,
    ignoreFocusOut: true,
    validateInput: (t) => {
      const r = parseStart(t, accountZone);
      return 'error' in r ? r.error : undefined;
    },
  });
  if (text === undefined) return undefined;
  const r = parseStart(text, accountZone);
  if ('error' in r) return undefined;
  await context.workspaceState.update(START_KEY, text.trim());
  return r.ms;
}

export async function askHorizonDays(defaultDays: number): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Nudge: Dry Run horizon',
    prompt: 'How many days of virtual time to simulate (default: the setting nudge.dryRun.horizonDays)',
    value: String(defaultDays),
    ignoreFocusOut: true,
    validateInput: (t) => {
      const r = parseHorizonDays(t);
      return 'error' in r ? r.error : undefined;
    },
  });
  if (text === undefined) return undefined;
  const r = parseHorizonDays(text);
  return 'error' in r ? undefined : r.days;
}
