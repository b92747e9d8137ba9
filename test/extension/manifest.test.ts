import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMAND_IDS, SETTING_KEYS } from '../../extension/manifest-ids';

// extension/config.ts imports vscode only for readSettings; integerSetting needs none of it.
vi.mock('vscode', () => ({}));

const manifest = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8'));

describe('the extension manifest', () => {
  it('contributes exactly the commands the code registers, each titled under the Nudge category', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command);
    expect([...contributed].sort()).toEqual([...COMMAND_IDS].sort());
    for (const c of manifest.contributes.commands) expect(c).toMatchObject({ category: 'Nudge', title: expect.any(String) });
  });

  it('documents every setting the code reads, with a type and a default', () => {
    const props = manifest.contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual([...SETTING_KEYS].sort());
    for (const key of SETTING_KEYS) {
      expect(props[key].markdownDescription ?? props[key].description, key).toBeTruthy();
      expect(props[key], key).toHaveProperty('default');
    }
  });

  it('lets a folder of a multi-root workspace set its own files, zone and runtime; counts are whole numbers', () => {
    const props = manifest.contributes.configuration.properties;
    for (const key of ['nudge.accountTimeZone', 'nudge.contactsFile', 'nudge.usersFile', 'nudge.runtime.storeFile', 'nudge.runtime.clock']) {
      expect(props[key].scope, key).toBe('resource');
    }
    for (const key of ['nudge.dryRun.horizonDays', 'nudge.runtime.port', 'nudge.diagnostics.debounceMs', 'nudge.loader.timeoutMs']) {
      expect(props[key].type, key).toBe('integer');
    }
    expect(props['nudge.runtime.clock'].enumDescriptions).toHaveLength(props['nudge.runtime.clock'].enum.length);
  });

  it('activates on sequence files and offers the canvas from the editor title of .seq.ts files only', () => {
    expect(manifest.activationEvents).toContain('workspaceContains:**/*.seq.ts');
    const title = manifest.contributes.menus['editor/title'].find((m: { command: string }) => m.command === 'nudge.openCanvasToSide');
    expect(title.when).toContain('\\.seq\\.ts$');
    expect(manifest.main).toBe('./dist/extension.js');
  });
});

describe('integerSetting', () => {
  it('keeps a whole number in range and falls back to the default otherwise (settings.json is edited by hand)', async () => {
    const { integerSetting } = await import('../../extension/config');
    expect(integerSetting(4401, 4400, 0, 65535)).toBe(4401);
    expect(integerSetting(0, 4400, 0, 65535)).toBe(0);
    expect(integerSetting(4400.5, 4400, 0, 65535)).toBe(4400);
    expect(integerSetting(70000, 4400, 0, 65535)).toBe(4400);
    expect(integerSetting('4401', 4400, 0, 65535)).toBe(4400);
    expect(integerSetting(undefined, 250, 0)).toBe(250);
  });
});
