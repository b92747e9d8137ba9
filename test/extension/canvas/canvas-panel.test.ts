// @vitest-environment node
/**
 * The canvas's host side against a stand-in `vscode` and real analyses of a
 * sample: opening beside the editor, what is posted when, clicks, the cursor,
 * counts, export, following the active editor, revival and closing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SequenceAnalysis } from '../../../extension/analysis/analysis';
import { analyzeText } from '../../../extension/analysis/analyze-text';
import * as fake from './fake-vscode';

vi.mock('vscode', () => fake.fakeVscode);
vi.mock('../../../extension/editor/reveal-source', () => ({ revealSource: vi.fn(async () => undefined) }));
const { registerCanvas } = await import('../../../extension/canvas/register-canvas');
const { CanvasPanel } = await import('../../../extension/canvas/canvas-panel');
const { revealSource } = await import('../../../extension/editor/reveal-source');

const SAMPLE = resolve(__dirname, '../../../samples/lead-welcome.seq.ts');
const OTHER = resolve(__dirname, '../../../samples/birthday.seq.ts');
const text = readFileSync(SAMPLE, 'utf8');
const doc = fake.fakeDocument(SAMPLE, text, 1);
const other = fake.fakeDocument(OTHER, readFileSync(OTHER, 'utf8'), 1);
fake.documents.set(SAMPLE, doc);
fake.documents.set(OTHER, other);

const analyses = new Map<string, SequenceAnalysis>();
const analyzed = new fake.FakeEmitter<SequenceAnalysis>();
const analyzer = {
  onDidAnalyze: analyzed.event,
  latest: (uri: { toString(): string }) => analyses.get(uri.toString()),
  analyze: vi.fn(async (d: fake.FakeDocument) => {
    const a: SequenceAnalysis = { ...(await analyzeText(d.fileName, d.getText())), uri: d.uri.toString(), version: d.version };
    analyses.set(a.uri, a);
    analyzed.fire(a);
    return a;
  }),
};

let good: SequenceAnalysis;
let panel: fake.FakePanel;
const context = { subscriptions: [] as Array<{ dispose(): void }>, extensionUri: fake.fileUri('/ext') };
const sink = registerCanvas(context as never, analyzer as never);
const until = async (check: () => boolean) => { for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25)); };

beforeAll(async () => {
  good = await analyzer.analyze(doc);
}, 30_000);

describe('the canvas panel', () => {
  it('opens beside the editor without taking focus, with scripts only from dist/webview', async () => {
    await fake.commands.get('nudge.openCanvasToSide')!(doc.uri);
    panel = fake.panels[0];
    expect(panel.viewType).toBe('nudge.canvas');
    expect(panel.showOptions).toEqual({ viewColumn: 2, preserveFocus: true }); // no editor in sight: beside the first column
    expect(panel.webview.options).toMatchObject({ enableScripts: true, localResourceRoots: [expect.objectContaining({ path: '/ext/dist/webview' })] });
    expect(panel.webview.html).toMatch(/<script nonce="[^"]+" src="https:\/\/file\+\.vscode-resource\.test\/ext\/dist\/webview\/canvas\.js">/);
    expect(panel.title).toBe('Canvas: lead-welcome.seq.ts');
    expect(fake.contextKeys.get('nudge.canvasOpen')).toBe(true);
    expect(panel.posted).toEqual([]); // nothing before the webview says ready
  });

  it('replays the diagram when the webview is ready', () => {
    panel.receive({ type: 'ready' });
    expect(panel.of('render').at(-1)).toMatchObject({ text: good.diagram!.text, fileName: SAMPLE });
  });

  it('renders every analysis of the shown file, banners a problem, ignores other files', async () => {
    const seq = panel.of('render').at(-1)!.seq as number;
    analyzed.fire({ ...good, version: 2 });
    expect(panel.of('render').at(-1)!.seq).toBe(seq + 1);
    analyzed.fire({ ...good, version: 3, diagram: null, problem: { message: 'Unexpected token', code: 'NUDGE_ERR_LOAD_SYNTAX', source: { file: SAMPLE, line: 9, column: 3 } } });
    expect(panel.of('problem').at(-1)).toMatchObject({ message: 'Unexpected token (line 9)' });
    const count = panel.posted.length;
    analyzed.fire({ ...good, uri: other.uri.toString(), version: 7 });
    expect(panel.posted.length).toBe(count);
  });

  it('a clicked node reveals its step', () => {
    panel.receive({ type: 'nodeClicked', nodeId: 'step_lead_welcome__wait_2d' });
    // No editor was in sight when the canvas opened: revealSource picks a column no Nudge panel holds.
    expect(revealSource).toHaveBeenCalledWith(expect.objectContaining({ file: SAMPLE, line: expect.any(Number) }), undefined);
    panel.receive({ type: 'nodeClicked', nodeId: 'no_such_node' }); // a stale click: nothing happens
    expect(revealSource).toHaveBeenCalledTimes(1);
  });

  it('the cursor in a step highlights its node', () => {
    const editor = { document: doc, selection: { active: text.indexOf("applyTag('Engaged-Lead')") + 2 } };
    fake.ui.activeTextEditor = editor;
    fake.selectionChanged.fire({ textEditor: editor });
    expect(panel.of('highlight').at(-1)).toEqual({ type: 'highlight', nodeId: 'step_lead_welcome__tag_engaged_lead' });
  });

  it('counts go to the open canvas and are kept for a later one', () => {
    const counts = { source: 'dryRun' as const, label: 'Dry run: 2 contacts', bySequence: {} };
    sink.setCounts(counts, 'dryRun');
    expect(panel.of('counts').at(-1)).toEqual({ type: 'counts', source: 'dryRun', counts });
  });

  it('shows a dry run\'s counts only on the canvas of the file that was run; the runtime\'s on every file', async () => {
    const dry = { source: 'dryRun' as const, label: 'Dry run: 22 contacts, 30 days', fileName: SAMPLE, bySequence: {} };
    const live = { source: 'runtime' as const, label: 'Runtime: 0 contacts in flight', bySequence: {} };
    sink.setCounts(dry, 'dryRun');
    sink.setCounts(live, 'runtime');
    expect(panel.of('counts').slice(-2)).toEqual([{ type: 'counts', source: 'dryRun', counts: dry }, { type: 'counts', source: 'runtime', counts: live }]);

    fake.activeEditorChanged.fire({ document: other });
    expect(panel.of('counts').at(-1)).toEqual({ type: 'counts', source: 'dryRun', counts: null }); // off birthday.seq.ts's canvas
    const posted = panel.posted.length;
    panel.receive({ type: 'ready' }); // a reload of the webview on birthday.seq.ts
    expect(panel.posted.slice(posted).filter((m) => (m as { type: string }).type === 'counts')).toEqual([{ type: 'counts', source: 'runtime', counts: live }]);
    const otherRun = { ...dry, fileName: OTHER, label: 'Dry run: 3 contacts, 5 days' };
    sink.setCounts({ ...dry, label: 'Dry run: 1 contact, 1 day' }, 'dryRun'); // a run of lead-welcome while birthday is shown
    expect(panel.of('counts').at(-1)).toEqual({ type: 'counts', source: 'dryRun', counts: null });
    sink.setCounts(otherRun, 'dryRun');
    expect(panel.of('counts').at(-1)).toEqual({ type: 'counts', source: 'dryRun', counts: otherRun });

    sink.setCounts(dry, 'dryRun');
    fake.activeEditorChanged.fire({ document: doc }); // back: its counts come back with it
    expect(panel.of('counts').at(-1)).toEqual({ type: 'counts', source: 'dryRun', counts: dry });
    sink.setCounts(null, 'runtime');
    await until(() => panel.of('render').at(-1)?.fileName === SAMPLE && (panel.of('render').at(-1)!.text as string) !== '');
  }, 30_000);

  it('exports the webview\'s SVG beside the file', async () => {
    fake.ui.saveTo = fake.fileUri('/out/canvas.svg');
    const done = fake.commands.get('nudge.exportSvg')!();
    await until(() => panel.of('requestSvg').length > 0);
    panel.receive({ type: 'svg', requestId: panel.of('requestSvg')[0].requestId, svg: '<svg/>' });
    await done;
    expect((fake.ui.saveDialogs[0].defaultUri as fake.FakeUri).fsPath).toBe(SAMPLE.replace(/\.seq\.ts$/, '.svg'));
    expect(fake.written).toEqual([{ path: '/out/canvas.svg', text: '<svg/>' }]);
  });

  it('the toolbar\'s Export SVG says why it failed, naming the files, instead of failing silently', async () => {
    const writeFile = fake.fakeVscode.workspace.fs.writeFile;
    fake.fakeVscode.workspace.fs.writeFile = async () => { throw new Error('EACCES: permission denied, open \'/out/canvas.svg\''); };
    try {
      fake.ui.saveTo = fake.fileUri('/out/canvas.svg');
      const asked = panel.of('requestSvg').length;
      panel.receive({ type: 'exportSvg' });
      await until(() => panel.of('requestSvg').length > asked);
      panel.receive({ type: 'svg', requestId: panel.of('requestSvg').at(-1)!.requestId, svg: '<svg/>' });
      await until(() => fake.ui.messages.some((m) => m.includes('could not export')));
      expect(fake.ui.messages.at(-1)).toBe("Nudge: could not export the canvas of lead-welcome.seq.ts to /out/canvas.svg: EACCES: permission denied, open '/out/canvas.svg'");
      expect(fake.fakeVscode.window.showErrorMessage).toHaveBeenCalled();
    } finally {
      fake.fakeVscode.workspace.fs.writeFile = writeFile;
    }
  });

  it('follows the author to another sequence file', async () => {
    fake.activeEditorChanged.fire({ document: other });
    expect(panel.title).toBe('Canvas: birthday.seq.ts');
    expect(panel.of('render').at(-1)).toMatchObject({ text: '', fileName: OTHER }); // the old file's canvas is cleared at once
    await until(() => (panel.of('render').at(-1)!.text as string) !== '');
    expect(panel.of('render').at(-1)).toMatchObject({ fileName: OTHER, text: expect.stringContaining('flowchart') });
    fake.activeEditorChanged.fire({ document: { ...doc, fileName: '/w/readme.md', uri: fake.fileUri('/w/readme.md') } });
    expect(panel.title).toBe('Canvas: birthday.seq.ts');
  }, 30_000);

  it('closing clears the context key; a reload revives the panel on its file', async () => {
    panel.dispose();
    expect(fake.contextKeys.get('nudge.canvasOpen')).toBe(false);
    expect(CanvasPanel.current).toBeUndefined();
    const restored = new fake.FakePanel('nudge.canvas', 'Canvas', {}, {});
    await fake.serializers.get('nudge.canvas')!.deserializeWebviewPanel(restored, { fileName: SAMPLE, zoom: { scale: 2, x: 0, y: 0 } });
    expect(restored.title).toBe('Canvas: lead-welcome.seq.ts');
    expect(restored.webview.html).toContain('canvas.js');
    restored.receive({ type: 'ready' });
    expect(restored.of('render').at(-1)).toMatchObject({ fileName: SAMPLE });
    expect(restored.of('counts')).toHaveLength(1); // the dry run's counts survived the closed panel
    expect(fake.contextKeys.get('nudge.canvasOpen')).toBe(true);
  });
});
