// Nudge: Publish Sequences… end to end with a faked vscode: the impact report
// before anything changes, then the CLI publish (runtime stopped) or a save
// the running server publishes by itself (runtime running).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { answers, fakeVscode, folders, settings, shown, textDocuments } from './fake-vscode';

vi.mock('vscode', () => fakeVscode);
const { RuntimeController } = await import('../../../extension/runtime-control/runtime-controller');
const { publishSequences } = await import('../../../extension/runtime-control/publish-flow');
const { ReportDocuments } = await import('../../../extension/runtime-control/report-documents');

const ROOT = resolve(__dirname, '../../..');
let ws: string;
const canvas = { setCounts: () => undefined };

/** An editor document with unsaved text; save() writes it, as VS Code would. */
function dirtyDocument(fileName: string, text: string) {
  const doc = { fileName, isDirty: true, uri: { scheme: 'file' }, getText: () => text, save: async () => { writeFileSync(fileName, text); doc.isDirty = false; return true; } };
  textDocuments.push(doc);
  return doc;
}

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'nudge-publish-flow-'));
  for (const f of readdirSync(join(ROOT, 'samples'))) cpSync(join(ROOT, 'samples', f), join(ws, f));
  folders.push({ uri: { fsPath: ws, scheme: 'file' }, name: 'ws', index: 0 });
  Object.assign(settings, { 'runtime.port': 0, 'runtime.clock': 'simulated', accountTimeZone: 'UTC' });
});

afterAll(() => { rmSync(ws, { recursive: true, force: true }); });

describe('publishSequences', () => {
  const runtime = new RuntimeController(ROOT, canvas);
  const reports = new ReportDocuments();
  afterAll(async () => { await runtime.stop(); runtime.dispose(); });

  it('runtime stopped: cancelling the report changes nothing; confirming publishes to the store', async () => {
    answers.push(undefined);
    await publishSequences(runtime, ROOT, reports);
    const question = shown.pop()!;
    expect(question.message).toBe('Publish 8 sequence versions to .nudge/store.json?');
    expect(question.detail).toContain('lead-welcome: version 1 (new sequence)');
    expect(existsSync(join(ws, '.nudge/store.json'))).toBe(false);

    answers.push('Publish');
    await publishSequences(runtime, ROOT, reports);
    expect(shown.pop()).toMatchObject({ kind: 'info', message: expect.stringMatching(/^Nudge: Published .*lead-welcome v1/) });
    expect(existsSync(join(ws, '.nudge/store.json'))).toBe(true);
    expect(shown.splice(0)).toEqual([expect.objectContaining({ kind: 'warning', message: 'Publish 8 sequence versions to .nudge/store.json?' })]);
  }, 90_000);

  it('runtime running: shows the impact of the unsaved text, then saves it and confirms the version the server published', async () => {
    await runtime.start();
    expect(runtime.running).toBeDefined();
    const file = join(ws, 'lead-welcome.seq.ts');
    const doc = dirtyDocument(file, readFileSync(file, 'utf8').replace(".delay('2d'", ".delay('3d'"));

    answers.push(undefined); // Cancel: the file stays unsaved
    await publishSequences(runtime, ROOT, reports);
    const question = shown.pop()!;
    expect(question.message).toBe(`Publish 1 sequence version to the running runtime (:${runtime.running!.info.port})?`);
    expect(question.detail).toMatch(/^lead-welcome: version 1 → 2 \(0 contacts in flight/);
    expect(doc.isDirty).toBe(true);

    answers.push('Publish');
    await publishSequences(runtime, ROOT, reports);
    expect(doc.isDirty).toBe(false);
    expect(shown.pop()).toMatchObject({ kind: 'info', message: 'Nudge: Published lead-welcome v2.' });
    expect((await runtime.running!.client.sequences()).find((s) => s.id === 'lead-welcome')?.version).toBe(2);
  }, 90_000);

  it('says there is nothing to publish when every sequence is at its version', async () => {
    textDocuments.length = 0;
    await publishSequences(runtime, ROOT, reports);
    expect(shown.pop()).toMatchObject({ kind: 'info', message: 'Nudge: Nothing to publish: every sequence is at its published version.' });
  }, 60_000);
});
