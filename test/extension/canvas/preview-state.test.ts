// @vitest-environment node
/**
 * The canvas preview's decisions, keystroke by keystroke: what the host
 * posts for each analysis, and what the webview shows when Mermaid's
 * asynchronous renders finish out of order.
 */
import { describe, expect, it } from 'vitest';
import type { CanvasHostMessage } from '../../../extension/protocol';
import { HostPreviewState, ViewPreviewState, problemText, type PreviewInput } from '../../../extension/shared/preview-state';

const FILE = '/w/welcome.seq.ts';
const good = (text: string): PreviewInput => ({ fileName: FILE, diagram: { text, nodes: {} }, problem: null });
const broken = (message: string, line?: number): PreviewInput => ({
  fileName: FILE, diagram: null, problem: { message, source: line === undefined ? undefined : { file: FILE, line, column: 1 } },
});
type Render = Extract<CanvasHostMessage, { type: 'render' }>;
const render = (seq: number, text = `t${seq}`): Render => ({ type: 'render', seq, text, nodes: {}, fileName: FILE });

/** Plays host messages into a webview state, finishing each Mermaid render right away. */
function playInOrder(view: ViewPreviewState, messages: CanvasHostMessage[]): string[] {
  const shown: string[] = [];
  for (const m of messages) {
    if (m.type === 'render' && view.offer(m) === 'start') {
      if (view.renderDone(m.seq) === 'show') shown.push(m.text);
      view.next();
    }
    if (m.type === 'problem') view.problem(m.seq, m.message);
  }
  return shown;
}

describe('host: typing', () => {
  it('every analysis of several versions in a row posts a render with a growing seq', () => {
    const host = new HostPreviewState();
    const posted = ['a', 'ab', 'abc'].flatMap((t) => host.analysed(good(t)));
    expect(posted.map((m) => m.type)).toEqual(['render', 'render', 'render']);
    expect(posted.map((m) => (m as Render).seq)).toEqual([1, 2, 3]);
    expect(posted.map((m) => (m as Render).text)).toEqual(['a', 'ab', 'abc']);
  });

  it('a problem keeps the last good diagram: only a banner is posted, with the message and line', () => {
    const host = new HostPreviewState();
    host.analysed(good('v1'));
    const posted = host.analysed(broken("Unexpected token ')'", 12));
    expect(posted).toEqual([{ type: 'problem', seq: 2, message: "Unexpected token ')' (line 12)" }]);
    // A webview that loads now still gets the good diagram, then the banner.
    const replay = host.replay();
    expect(replay.map((m) => m.type)).toEqual(['render', 'problem']);
    expect((replay[0] as Render).text).toBe('v1');
  });

  it('recovery: the next good analysis renders, and a replay has no banner any more', () => {
    const host = new HostPreviewState();
    host.analysed(good('v1'));
    host.analysed(broken('boom', 3));
    expect(host.analysed(good('v3'))).toMatchObject([{ type: 'render', seq: 3, text: 'v3' }]);
    expect(host.replay().map((m) => m.type)).toEqual(['render']);
  });

  it('a problem in an imported file names that file', () => {
    expect(problemText({ message: 'x is not defined', source: { file: '/w/lib/steps.ts', line: 4, column: 2 } }, FILE)).toBe('x is not defined (steps.ts:4)');
    expect(problemText({ message: 'timed out' }, FILE)).toBe('timed out');
  });

  it('switching files clears the old canvas unless the new one has a diagram ready', () => {
    const host = new HostPreviewState();
    host.analysed(good('old'));
    const other = '/w/other.seq.ts';
    expect(host.switchFile(other)).toMatchObject([{ type: 'highlight', nodeId: null }, { type: 'render', text: '', fileName: other }]);
    expect(host.switchFile(other, { ...good('ready'), fileName: other })).toMatchObject([{ type: 'highlight' }, { type: 'render', text: 'ready' }]);
    const failing = host.switchFile(other, { ...broken('nope', 1), fileName: other });
    expect(failing.map((m) => m.type)).toEqual(['highlight', 'render', 'problem']);
    expect((failing[1] as Render).text).toBe('');
  });

  it('highlight is posted only when the node changes; counts are kept for replays', () => {
    const host = new HostPreviewState();
    expect(host.highlight('step_a__b')).toHaveLength(1);
    expect(host.highlight('step_a__b')).toHaveLength(0);
    const counts = { source: 'dryRun' as const, label: 'Dry run', bySequence: {} };
    host.setCounts('dryRun', counts);
    expect(host.replay()).toEqual([{ type: 'counts', source: 'dryRun', counts }, { type: 'highlight', nodeId: 'step_a__b' }]);
    expect(host.setCounts('dryRun', null)).toEqual([{ type: 'counts', source: 'dryRun', counts: null }]);
    expect(host.replay()).toEqual([{ type: 'highlight', nodeId: 'step_a__b' }]);
  });

  it('records the newest drawn render from acks', () => {
    const host = new HostPreviewState();
    host.rendered(3, 10);
    host.rendered(2, 9); // a late ack of an older render does not go back
    expect(host.drawn).toEqual({ seq: 3, nodeCount: 10 });
  });
});

describe('webview: stale renders', () => {
  it('typing faster than Mermaid draws: one drawing at a time, and only the newest waiting text is drawn next', () => {
    const view = new ViewPreviewState();
    expect(view.offer(render(1))).toBe('start');
    expect(view.offer(render(2))).toBe('wait');
    expect(view.offer(render(3))).toBe('wait'); // replaces 2, which is never drawn
    expect(view.renderDone(1)).toBe('show');
    const next = view.next();
    expect(next?.seq).toBe(3);
    expect(view.offer(next!, true)).toBe('start');
    expect(view.offer(render(4))).toBe('wait'); // busy again
    expect(view.renderDone(3)).toBe('show');
    expect(view.next()?.seq).toBe(4);
    expect(view.shownSeq).toBe(3);
  });

  it('an older result arriving after a newer one is on screen is dropped', () => {
    const view = new ViewPreviewState();
    view.offer(render(2));
    view.renderDone(2);
    view.next();
    expect(view.renderDone(1)).toBe('drop');
    expect(view.shownSeq).toBe(2);
  });

  it('a render message older than the newest that arrived is not drawn at all', () => {
    const view = new ViewPreviewState();
    view.offer(render(5));
    expect(view.offer(render(4))).toBe('drop');
    view.renderDone(5);
    expect(view.next()).toBeUndefined();
  });

  it('while typing, renders that finish before the next keystroke are all shown (the canvas keeps up)', () => {
    const host = new HostPreviewState();
    const view = new ViewPreviewState();
    expect(playInOrder(view, ['a', 'ab', 'abc'].flatMap((t) => host.analysed(good(t))))).toEqual(['a', 'ab', 'abc']);
  });

  it('the same seq may be drawn again (theme change)', () => {
    const view = new ViewPreviewState();
    view.offer(render(3));
    view.renderDone(3);
    view.next();
    expect(view.offer(render(3), true)).toBe('start');
    expect(view.renderDone(3)).toBe('show');
  });
});

describe('webview: problems', () => {
  it('the banner stays over the last good diagram and clears on the next good render', () => {
    const host = new HostPreviewState();
    const view = new ViewPreviewState();
    playInOrder(view, host.analysed(good('v1')));
    playInOrder(view, host.analysed(broken('Missing comma', 7)));
    expect(view.banner?.message).toBe('Missing comma (line 7)');
    expect(view.shownSeq).toBe(1);
    expect(playInOrder(view, host.analysed(good('v3')))).toEqual(['v3']);
    expect(view.banner).toBeNull();
  });

  it('a render started before the problem does not clear it when it lands', () => {
    const view = new ViewPreviewState();
    view.offer(render(5));
    view.problem(6, 'broken');
    expect(view.renderDone(5)).toBe('show');
    expect(view.banner?.message).toBe('broken');
  });

  it('a Mermaid error shows a banner and keeps the diagram; an older failure is ignored', () => {
    const view = new ViewPreviewState();
    view.offer(render(1));
    view.renderDone(1);
    view.next();
    view.offer(render(2));
    expect(view.renderFailed(2, 'Parse error on line 3')).toBe('show');
    expect(view.banner?.message).toMatch(/could not be drawn: Parse error on line 3/);
    expect(view.shownSeq).toBe(1);
    view.next();
    view.offer(render(4));
    expect(view.renderFailed(3, 'old')).toBe('drop');
    expect(view.renderDone(4)).toBe('show');
    expect(view.banner).toBeNull();
  });

  it('a null problem clears the banner', () => {
    const view = new ViewPreviewState();
    view.problem(1, 'x');
    view.problem(2, null);
    expect(view.banner).toBeNull();
  });
});

describe('webview: theme changes', () => {
  it('redraws the newest text, or the shown one when Mermaid rejected the newest', () => {
    const view = new ViewPreviewState();
    view.offer(render(1, 'good'));
    view.renderDone(1);
    view.next();
    expect(view.redraw()?.text).toBe('good');
    view.offer(render(2, 'bad'));
    view.renderFailed(2, 'Parse error');
    view.next();
    expect(view.redraw()?.text).toBe('good');
    expect(view.offer(view.redraw()!, true)).toBe('start');
    expect(view.renderDone(1)).toBe('show');
    // The Mermaid error was about text 2, which is still the newest: its banner stays.
    expect(view.banner?.seq).toBe(2);
  });
});
