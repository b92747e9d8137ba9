// @vitest-environment node
/**
 * The dry-run command's host side against a stand-in `vscode`, real
 * analyses of the sample and the real built worker: what it asks, what it
 * remembers, what the panel and the canvas get, clicks on timeline rows,
 * and the errors it shows.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SequenceAnalysis } from '../../../extension/analysis/analysis';
import { analyzeText } from '../../../extension/analysis/analyze-text';
import type { DryRunView } from '../../../extension/protocol';
import * as fake from './fake-vscode';
import { CONTACTS_FILE, ROOT, SAMPLE } from './fixtures';

vi.mock('vscode', () => fake.fakeVscode);
vi.mock('../../../extension/editor/reveal-source', () => ({ revealSource: vi.fn(async () => undefined) }));
const { registerDryRun } = await import('../../../extension/dry-run/register-dry-run');
const { revealSource } = await import('../../../extension/editor/reveal-source');
const { trackPanel } = await import('../../../extension/editor/panel-columns');

const doc = fake.fakeDocument(SAMPLE, readFileSync(SAMPLE, 'utf8'));
fake.documents.set(SAMPLE, doc);
const BROKEN = `${ROOT}/samples/broken.seq.ts`;
fake.documents.set(BROKEN, fake.fakeDocument(BROKEN, "import { sequence } from 'nudge';\nthrow new Error('not today');\n"));

const analyses = new Map<string, SequenceAnalysis>();
const analyzer = {
  latest: (uri: { toString(): string }) => analyses.get(uri.toString()),
  analyze: vi.fn(async (d: fake.FakeDocument) => {
    const a: SequenceAnalysis = { ...(await analyzeText(d.fileName, d.getText(), { timeoutMs: 10_000 })), uri: d.uri.toString(), version: d.version };
    analyses.set(a.uri, a);
    return a;
  }),
};
const counts: unknown[][] = [];
const canvas = { setCounts: (...args: unknown[]) => counts.push(args) };
const context = fake.fakeContext(ROOT);
registerDryRun(context as never, analyzer as never, canvas);
const dryRun = (uri?: unknown) => fake.commands.get('nudge.dryRun')!(uri) as Promise<void>;

beforeAll(() => {
  fake.ui.folder = ROOT;
  fake.ui.found = [CONTACTS_FILE];
});

describe('nudge.dryRun', () => {
  it('asks for the contacts, the start (next whole hour) and the horizon (the setting), then shows the run beside the editor and the canvas', async () => {
    // The code in the first column, the canvas beside it: the dry run takes the third, covering neither.
    fake.ui.activeTextEditor = { document: doc, viewColumn: 1 };
    const canvasPanel = trackPanel('canvas', { viewColumn: 2 });
    fake.settings.set('dryRun.horizonDays', 12);
    fake.settings.set('accountTimeZone', 'America/New_York');
    fake.ui.picks.push('contacts.json');
    fake.ui.inputs.push('2026-12-01T14:00:00Z', 'default');
    await dryRun(doc.uri);
    const pick = fake.ui.quickPicks[0];
    expect(pick.items.map((i) => i.label)).toEqual(['contacts.json', '$(folder-opened) Browse…']);
    const [startBox, horizonBox] = fake.ui.inputBoxes as Array<{ value: string; validateInput(t: string): unknown }>;
    expect(startBox.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/);
    expect(Date.parse(startBox.value) - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect(startBox.validateInput('soon')).toMatch(/is not an ISO date and time/);
    expect(horizonBox.value).toBe('12');
    expect(fake.ui.progressTitles).toContain('Nudge: dry run of lead-welcome.seq.ts');

    const panel = fake.panels[0];
    expect(panel.viewType).toBe('nudge.dryRun');
    expect(panel.title).toBe('Dry Run: lead-welcome.seq.ts');
    expect(panel.showOptions).toEqual({ viewColumn: 3, preserveFocus: true });
    canvasPanel.dispose();
    expect(panel.webview.html).toMatch(/<script nonce="[^"]+" src="https:\/\/file\+\.vscode-resource\.test\/.*\/dist\/webview\/dry-run\.js">/);
    expect(panel.posted).toEqual([]); // nothing before the page says it is ready
    panel.receive({ type: 'ready' });
    const result = panel.posted.at(-1) as { type: string; view: DryRunView };
    expect(result.type).toBe('result');
    expect(result.view.timeline.find((r) => r.contact === 'c01')!.local).toBe('Tue 2026-12-01 09:00 EST');
    expect(result.view.counts.label).toMatch(/, 12 days$/);
    // Only for the canvas of the file that was run; the previous run's counts were cleared when this one started.
    expect(counts.at(-1)).toEqual([{ ...result.view.counts, fileName: SAMPLE }, 'dryRun']);
    expect(counts.at(-2)).toEqual([null, 'dryRun']);
  });

  it('remembers the contacts and the start: a second run asks no QuickPick and offers the last start', async () => {
    const picksBefore = fake.ui.quickPicks.length;
    const boxesBefore = fake.ui.inputBoxes.length;
    await dryRun(doc.uri);
    expect(fake.ui.quickPicks.length).toBe(picksBefore);
    expect((fake.ui.inputBoxes[boxesBefore] as { value: string }).value).toBe('2026-12-01T14:00:00Z');
    expect(fake.panels).toHaveLength(1); // the same panel, reused
  });

  it('reveals the step of a clicked timeline row, or says it is gone', async () => {
    const panel = fake.panels[0];
    panel.receive({ type: 'revealStep', sequence: 'lead-welcome', step: 'welcome-email' });
    // In the column of the code the run was started from (the first), if the file is no longer in sight.
    expect(revealSource).toHaveBeenCalledWith(expect.objectContaining({ file: SAMPLE, line: expect.any(Number) }), 1);
    panel.receive({ type: 'revealStep', sequence: 'lead-welcome', step: 'no-such-step' });
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.ui.messages.at(-1)).toMatch(/Step "no-such-step" of sequence "lead-welcome" is no longer in .*Run the dry run again/);
    panel.receive({ type: 'revealStep', sequence: 42 }); // not the protocol: ignored
  });

  it('shows a load problem instead of running a file that does not load', async () => {
    const posted = fake.panels[0].posted.length;
    await dryRun(fake.fileUri(BROKEN));
    expect(fake.ui.messages.at(-1)).toMatch(/^Cannot dry-run .*broken\.seq\.ts: it does not load \(line 2\): .*not today/);
    expect(fake.panels[0].posted.length).toBe(posted);
  });

  it('asks for a sequence file when none is open', async () => {
    fake.ui.activeTextEditor = undefined;
    await dryRun();
    expect(fake.ui.messages.at(-1)).toBe('Nudge: Dry Run works on a sequence file: open a *.seq.ts file and run it again (the Dry Run button in its editor title bar, or the Command Palette).'); // there is no context menu to right-click
  });

  it('honours the nudge.contactsFile setting, and says so when it names a missing file', async () => {
    fake.settings.set('contactsFile', 'samples/nope.json');
    await dryRun(doc.uri);
    expect(fake.ui.messages.at(-1)).toMatch(/The setting nudge\.contactsFile names .*samples\/nope\.json, which does not exist/);
    await fake.commands.get('nudge.chooseDryRunContacts')!();
    expect(fake.ui.messages.at(-1)).toMatch(/Dry runs use the setting nudge\.contactsFile/);
    fake.settings.delete('contactsFile');
  });

  it('nudge.chooseDryRunContacts asks again and remembers the new choice', async () => {
    fake.ui.picks.push('contacts.json');
    await fake.commands.get('nudge.chooseDryRunContacts')!();
    expect(fake.ui.messages.at(-1)).toMatch(/now use .*samples\/contacts\.json/);
    expect(context.workspaceState.get('nudge.dryRun.contactsFile')).toBe(CONTACTS_FILE);
  });

  it('stops quietly when a question is dismissed', async () => {
    const posted = fake.panels[0].posted.length;
    fake.ui.inputs.push(undefined);
    await dryRun(doc.uri);
    expect(fake.panels[0].posted.length).toBe(posted);
  });

  it('cancels from the progress notification: the panel says so, and a closed panel is left alone', async () => {
    // Enough contacts that the run is still going when Cancel is pressed.
    const big = join(mkdtempSync(join(tmpdir(), 'nudge-dry-host-')), 'contacts.json');
    writeFileSync(big, JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ id: `k${i}`, email: `k${i}@example.com` }))));
    fake.settings.set('contactsFile', big);
    fake.ui.cancelProgress = true;
    try {
      await dryRun(doc.uri);
      expect(fake.panels[0].posted.at(-1)).toEqual({ type: 'failed', message: 'The dry run was cancelled.' });
      fake.panels[0].dispose();
      await dryRun(doc.uri); // a new panel for the new run; the closed one gets nothing
      expect(fake.panels).toHaveLength(2);
    } finally {
      fake.ui.cancelProgress = false;
      fake.settings.delete('contactsFile');
    }
  });

  it('closing the panel takes the dry-run counts off the canvas, and a run finishing after that puts none back', async () => {
    await dryRun(doc.uri);
    const panel = fake.panels.at(-1)!;
    expect(counts.at(-1)).toEqual([expect.objectContaining({ fileName: SAMPLE, label: expect.stringMatching(/^Dry run: /) }), 'dryRun']);
    panel.dispose();
    expect(counts.at(-1)).toEqual([null, 'dryRun']);

    // Closed while it runs: the panel goes as the run starts.
    const withProgress = fake.fakeVscode.window.withProgress;
    fake.fakeVscode.window.withProgress = (options, task) => {
      if (options.title?.startsWith('Nudge: dry run of')) fake.panels.at(-1)!.dispose();
      return withProgress(options, task);
    };
    try {
      await dryRun(doc.uri);
    } finally {
      fake.fakeVscode.window.withProgress = withProgress;
    }
    expect(fake.panels.at(-1)).not.toBe(panel);
    expect(counts.at(-1)).toEqual([null, 'dryRun']);
  });
});
