import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMAND_IDS, SETTING_KEYS } from '../../extension/manifest-ids';

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

  it('activates on sequence files and offers the canvas from the editor title of .seq.ts files only', () => {
    expect(manifest.activationEvents).toContain('workspaceContains:**/*.seq.ts');
    const title = manifest.contributes.menus['editor/title'].find((m: { command: string }) => m.command === 'nudge.openCanvasToSide');
    expect(title.when).toContain('\\.seq\\.ts$');
    expect(manifest.main).toBe('./dist/extension.js');
  });
});
