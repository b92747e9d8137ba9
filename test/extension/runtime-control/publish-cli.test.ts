// The publish preview's folder with the editor's unsaved text: a mirror of the
// sequence folder's tree, so a sequence importing from a subfolder previews,
// checked with the real built `nudge publish --dry-run` (dist/cli.js).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { publishLaunch } from '../../../extension/runtime-control/launch';
import { mapPaths, runPublishCli, withEditorText } from '../../../extension/runtime-control/publish-cli';

const ROOT = resolve(__dirname, '../../..');
let ws: string;
let file: string;

const sequenceText = (subject: string) => `import { sequence, start, tagApplied } from 'nudge';
import { greeting } from './lib/names';

export default sequence('imports-helper', {
  name: 'Imports a helper',
  startOn: tagApplied('Lead'),
  paths: [start('Welcome').email({ subject: greeting + ' ${subject}', body: 'Hello. Unsubscribe: ~Unsubscribe~ ~Account.Address~' })],
});
`;

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'nudge-publish-cli-'));
  file = join(ws, 'imports-helper.seq.ts');
  writeFileSync(file, sequenceText('one'));
  mkdirSync(join(ws, 'lib', 'deeper'), { recursive: true });
  writeFileSync(join(ws, 'lib', 'names.ts'), "export { greeting } from './deeper/words';\n");
  writeFileSync(join(ws, 'lib', 'deeper', 'words.ts'), "export const greeting = 'Welcome';\n");
  writeFileSync(join(ws, 'lib', 'logo.txt'), 'not code');
  for (const skipped of ['node_modules/left-pad', '.git', '.nudge', '.vscode']) {
    mkdirSync(join(ws, skipped), { recursive: true });
    writeFileSync(join(ws, skipped, 'index.js'), '');
  }
});

afterAll(() => { rmSync(ws, { recursive: true, force: true }); });

describe('withEditorText', () => {
  it('is the folder itself when nothing in it is unsaved', async () => {
    const view = await withEditorText(ws, new Map([[join(tmpdir(), 'elsewhere.seq.ts'), 'x']]));
    expect(view.dir).toBe(ws);
  });

  it('mirrors the tree without node_modules and dot-folders, with the unsaved text over the saved file', async () => {
    const view = await withEditorText(ws, new Map([[file, sequenceText('two')]]));
    try {
      expect(view.dir).not.toBe(ws);
      expect(readFileSync(join(view.dir, 'imports-helper.seq.ts'), 'utf8')).toBe(sequenceText('two'));
      expect(lstatSync(join(view.dir, 'imports-helper.seq.ts')).isSymbolicLink()).toBe(false);
      expect(readFileSync(join(view.dir, 'lib', 'names.ts'), 'utf8')).toContain('./deeper/words');
      expect(readFileSync(join(view.dir, 'lib', 'deeper', 'words.ts'), 'utf8')).toContain('Welcome');
      expect(readFileSync(join(view.dir, 'lib', 'logo.txt'), 'utf8')).toBe('not code');
      for (const skipped of ['node_modules', '.git', '.nudge', '.vscode']) expect(existsSync(join(view.dir, skipped))).toBe(false);
      expect(view.realPath(join(view.dir, 'lib', 'names.ts'))).toBe(join(ws, 'lib', 'names.ts'));
      expect(readFileSync(file, 'utf8')).toBe(sequenceText('one')); // the real file is untouched
    } finally {
      await view.dispose();
    }
    expect(existsSync(view.dir)).toBe(false);
  });

  it('overlays an unsaved helper in a subfolder too', async () => {
    const helper = join(ws, 'lib', 'deeper', 'words.ts');
    const view = await withEditorText(ws, new Map([[helper, "export const greeting = 'Hi';\n"]]));
    try {
      expect(readFileSync(join(view.dir, 'lib', 'deeper', 'words.ts'), 'utf8')).toBe("export const greeting = 'Hi';\n");
      expect(readFileSync(helper, 'utf8')).toContain('Welcome');
    } finally {
      await view.dispose();
    }
  });

  it('previews a sequence with unsaved edits that imports from a subfolder', async () => {
    const view = await withEditorText(ws, new Map([[file, sequenceText('two')]]));
    let preview;
    try {
      preview = mapPaths(await runPublishCli(publishLaunch({
        packageRoot: ROOT, nodePath: process.execPath, workspaceFolder: ws, dir: view.dir, storeFile: '.nudge/store.json', dryRun: true, timeZone: 'UTC', env: process.env,
      })), view.realPath);
    } finally {
      await view.dispose();
    }
    const problems = preview.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.file}: ${d.message}`));
    expect(problems).toEqual([]);
    expect(preview.files.map((f) => f.file)).toEqual([file]);
    expect(preview.versions.map((v) => v.sequenceId)).toEqual(['imports-helper']);
  }, 60_000);
});
