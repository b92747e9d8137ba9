// @vitest-environment node
/**
 * The runtime's email figures on the canvas, along the whole data path:
 * the server's GET /sequences answer (a real app, real host and store),
 * the check the extension makes of it, the canvas counts, the badges of
 * the nodes Mermaid really draws, and the SVG badge with its tooltip.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sequence, start, tagApplied } from 'nudge';
import { toMermaid } from '../../../dsl/mermaid';
import { isSequenceReports, runtimeCounts } from '../../../extension/runtime-control/runtime-counts';
import { badgesFor } from '../../../extension/shared/count-badges';
import { SimulatedClock } from '../../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../../runtime/hosts/live/runtime-host';
import { buildApp } from '../../../runtime/server/app';
import { LowdbStore } from '../../../runtime/store/lowdb-store';
import { drawInJsdom } from './mermaid-dom';

const TOKEN = 'canvas-email-test-token-0123456789';

const welcome = sequence('welcome', {
  name: 'Welcome',
  startOn: tagApplied('Lead'),
  paths: [start().email({ id: 'email-hello', subject: 'Hello', body: '<p>Hi</p>' }).delay('1d', { id: 'wait-1d' })],
});

async function reportsFromServer(): Promise<unknown> {
  const store = await LowdbStore.open(join(mkdtempSync(join(tmpdir(), 'nudge-canvas-email-')), 'store.json'));
  const host = await RuntimeHost.create({ store, clock: new SimulatedClock(Date.parse('2026-12-07T15:00:00Z')), accountZone: 'UTC' });
  host.publish([{ ir: welcome, version: 1 }]);
  const step = { sequenceId: 'welcome', stepId: 'email-hello' };
  await Promise.all([
    host.countEmailEvent({ ...step, event: 'sent', count: 1200 }),
    host.countEmailEvent({ ...step, event: 'delivered', count: 1190 }),
    host.countEmailEvent({ ...step, event: 'bounced', count: 10 }),
    host.countEmailEvent({ ...step, event: 'click', count: 87 }),
    host.countEmailEvent({ ...step, event: 'unsubscribe', count: 3 }),
  ]);
  const app = await buildApp({ host, token: TOKEN });
  const res = await app.inject({ method: 'GET', url: '/sequences', headers: { authorization: `Bearer ${TOKEN}` } });
  await app.close();
  await store.close();
  return res.json();
}

describe('email figures from GET /sequences to the canvas', () => {
  it('reach the email node\'s runtime badge (sent and clicks) and its tooltip (every figure); other steps get none', async () => {
    const answer = await reportsFromServer();
    expect(isSequenceReports(answer)).toBe(true);
    if (!isSequenceReports(answer)) return;
    const counts = runtimeCounts(answer, 'Runtime');
    expect(counts.bySequence.welcome['email-hello'].email).toEqual({ sent: 1200, delivered: 1190, bounced: 10, complaints: 0, unsubscribes: 3, clicks: 87, opens: 0 });
    expect(counts.bySequence.welcome['wait-1d'].email).toBeUndefined();

    const diagram = toMermaid(welcome);
    const badges = badgesFor(counts, diagram.nodes);
    const email = badges.find((b) => diagram.nodes[b.nodeId].stepId === 'email-hello')!;
    expect(email.text).toBe('0 active · 0 queued · 0 done · 1,200 sent · 87 clicks');
    expect(email.title).toBe('1,200 sent, 1,190 delivered (accepted by the mail server)\n10 bounced, 0 spam complaints, 3 unsubscribed\n87 clicks on tracked links');
    expect(badges.find((b) => diagram.nodes[b.nodeId].stepId === 'wait-1d')?.title).toBeUndefined();

    // Drawn by the webview's own code on the SVG Mermaid makes.
    const svg = await drawInJsdom('nudge-canvas-1', diagram.text);
    const g = globalThis as Record<string, unknown>;
    const window = g.window as Record<string, unknown>;
    g.SVGGraphicsElement = window.SVGGraphicsElement;
    g.CSS ??= { escape: (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`) };
    // Imported by a computed path: the webview's DOM-typed code stays out of the node project's type check.
    const drawModule = '../../../extension/webview/canvas/draw';
    type El = { querySelector(s: string): El | null; textContent: string | null };
    const { tagNodes, drawBadges } = (await import(/* @vite-ignore */ drawModule)) as {
      tagNodes(svg: unknown, diagramId: string, nodes: unknown): number;
      drawBadges(svg: unknown, badges: unknown): void;
    };
    const root = svg as unknown as El;
    tagNodes(root, 'nudge-canvas-1', diagram.nodes);
    drawBadges(root, badges);
    const drawn = root.querySelector(`.nudge-count[data-node-id="${email.nodeId}"]`)!;
    expect(drawn).not.toBeNull();
    expect(drawn.querySelector('text')?.textContent).toBe(email.text);
    expect(drawn.querySelector('title')?.textContent).toBe(email.title);
  }, 60_000);

  it('a server from before email figures still draws its counts; a malformed email figure is refused', () => {
    const old = [{ id: 'welcome', name: 'W', version: 1, contacts: {}, steps: [{ path: 0, stepId: 'email-hello', kind: 'email', active: 1, queued: 0, done: 2 }] }];
    expect(isSequenceReports(old)).toBe(true);
    expect(runtimeCounts(old, 'R').bySequence.welcome['email-hello']).toEqual({ active: 1, waiting: 0, done: 2 });
    const bad = [{ ...old[0], steps: [{ ...old[0].steps[0], email: { sent: '5' } }] }];
    expect(isSequenceReports(bad)).toBe(false);
  });
});
