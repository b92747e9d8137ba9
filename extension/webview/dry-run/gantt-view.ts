/**
 * Draws the chosen contact's journey as a Mermaid Gantt chart, coloured from
 * the VS Code theme (the canvas's Mermaid settings) with securityLevel
 * 'strict'. Renders are numbered: a slow one finishing after the user
 * picked another contact is dropped.
 */
import mermaid from 'mermaid';
import type { DryRunContactView, TimelineRow } from '../../protocol';
import { ganttText } from '../../shared/gantt';
import { mermaidConfig } from '../canvas/theme';

let renders = 0;

/**
 * Before each render: the theme may have changed, and the chart is drawn at
 * the panel's width (Mermaid would measure a temporary element instead,
 * which has no width where nothing is laid out).
 */
const LEFT = 160;
const RIGHT = 75;

function configure(width: number): void {
  mermaid.initialize({
    ...mermaidConfig(),
    securityLevel: 'strict',
    gantt: { useMaxWidth: false, useWidth: width, leftPadding: LEFT, rightPadding: RIGHT, barHeight: 18, barGap: 4, fontSize: 11, sectionFontSize: 11, topPadding: 40 },
  });
}

export async function renderGantt(contact: DryRunContactView | undefined, rows: TimelineRow[], start: number): Promise<void> {
  const target = document.getElementById('gantt')!;
  const seq = ++renders;
  if (!contact) {
    target.replaceChildren();
    return;
  }
  const width = Math.max(640, target.clientWidth);
  const text = ganttText(rows, { zone: contact.zone, title: `${contact.id} ${contact.name} (${contact.zone})`, start, axisWidth: width - LEFT - RIGHT });
  try {
    configure(width);
    const { svg } = await mermaid.render(`nudge-gantt-${seq}`, text);
    if (seq !== renders) return;
    target.innerHTML = svg; // Mermaid's own output under securityLevel 'strict' (labels sanitised)
  } catch (err) {
    if (seq !== renders) return;
    const p = document.createElement('p');
    p.className = 'gantt-error';
    p.textContent = `The journey chart could not be drawn: ${err instanceof Error ? err.message : String(err)}`;
    target.replaceChildren(p);
  }
}
