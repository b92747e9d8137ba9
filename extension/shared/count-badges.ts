/**
 * The words on a canvas node's count badge and which node each count goes
 * to. Counts arrive keyed by (sequence id, step id), the canvas draws node
 * ids: the diagram's `nodes` map joins the two.
 */
import type { CanvasCounts, EmailFiguresView, MermaidNode, StepCountView } from '../protocol';

// Thousands separated, so "12,345 done" reads at a glance on a busy canvas.
const figure = (n: number) => n.toLocaleString('en-US');

/**
 * "12 reached · 10 done · 1 skipped · 1 failed" (dry run) or
 * "3 active · 5 queued · 40 done" (runtime). Zero skips, failures and
 * waits are left out so the common case stays short; '' when nothing is known.
 */
export function badgeText(view: StepCountView, source: CanvasCounts['source']): string {
  const parts: string[] = [];
  const add = (value: number | undefined, word: string, hideZero: boolean) => {
    if (value === undefined || (hideZero && value === 0)) return;
    parts.push(`${figure(value)} ${word}`);
  };
  if (source === 'runtime') {
    add(view.active, 'active', false);
    add(view.waiting, 'queued', false);
    add(view.done, 'done', false);
    add(view.skipped, 'skipped', true);
    add(view.failed, 'failed', true);
    // Email steps: the two figures that matter at a glance; the rest is in the tooltip.
    add(view.email?.sent, 'sent', false);
    add(view.email?.clicks, view.email?.clicks === 1 ? 'click' : 'clicks', false);
  } else {
    add(view.reached, 'reached', false);
    add(view.done, 'done', false);
    add(view.waiting, 'waiting', true);
    add(view.skipped, 'skipped', true);
    add(view.failed, 'failed', true);
  }
  return parts.join(' · ');
}

/**
 * The tooltip of an email step's runtime badge: every figure, opens only
 * when some were counted (the pixel is off by default), with the caveat
 * that they are inflated.
 */
export function emailTooltip(email: EmailFiguresView): string {
  const lines = [
    `${figure(email.sent)} sent, ${figure(email.delivered)} delivered (accepted by the mail server)`,
    `${figure(email.bounced)} bounced, ${figure(email.complaints)} spam complaints, ${figure(email.unsubscribes)} unsubscribed`,
    `${figure(email.clicks)} clicks on tracked links`,
  ];
  if (email.opens > 0) lines.push(`${figure(email.opens)} opens (inflated by Apple Mail Privacy Protection)`);
  return lines.join('\n');
}

export interface Badge {
  nodeId: string;
  source: CanvasCounts['source'];
  text: string;
  /** Shown on hover (runtime email steps: every email figure). */
  title?: string;
}

/** One badge per step node that has counts (steps the diagram does not draw are skipped). */
export function badgesFor(counts: CanvasCounts, nodes: Readonly<Record<string, MermaidNode>>): Badge[] {
  const out: Badge[] = [];
  for (const [nodeId, node] of Object.entries(nodes)) {
    if (node.stepId === undefined) continue;
    const view = counts.bySequence[node.sequenceId]?.[node.stepId];
    const text = view ? badgeText(view, counts.source) : '';
    if (!text) continue;
    const badge: Badge = { nodeId, source: counts.source, text };
    if (counts.source === 'runtime' && view?.email) badge.title = emailTooltip(view.email);
    out.push(badge);
  }
  return out;
}
