/**
 * The command ids and setting keys the code uses, with no `vscode` import, so
 * a unit test can hold them against package.json's contributions: a command
 * or setting added on one side only fails the test instead of failing in the
 * user's editor.
 */
export const COMMAND_IDS = [
  'nudge.openCanvasToSide', 'nudge.dryRun', 'nudge.chooseDryRunContacts', 'nudge.exportSvg',
  'nudge.startRuntime', 'nudge.stopRuntime', 'nudge.publish', 'nudge.showRuntimeLog',
] as const;

export const SETTING_KEYS = [
  'nudge.accountTimeZone', 'nudge.contactsFile', 'nudge.usersFile', 'nudge.dryRun.horizonDays',
  'nudge.runtime.port', 'nudge.runtime.clock', 'nudge.runtime.storeFile',
  'nudge.diagnostics.debounceMs', 'nudge.loader.timeoutMs',
] as const;
