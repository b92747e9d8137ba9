/**
 * The Mermaid Gantt text of one contact's journey: a section per sequence
 * path, a bar per timer (from the moment the path reached it to the moment
 * it fired) and a milestone per other step. Times are the contact's local
 * wall-clock times, written without a zone: the chart's axis then reads in
 * the contact's time, whatever the viewer's zone.
 *
 * Pure and DOM-free: the webview bundles it (luxon included) and the tests
 * parse its output with the real Mermaid.
 */
import { DateTime } from 'luxon';
import type { TimelineRow } from '../protocol';

export interface GanttOptions {
  /** The contact's IANA zone. */
  zone: string;
  /** Chart title, e.g. "c01 Maria Garcia (America/New_York)". */
  title: string;
  /** Run start (epoch ms): where a path's first timer starts when nothing earlier is known. */
  start: number;
  /** Width of the time axis in pixels: ticks are spaced so their labels do not overlap. */
  axisWidth?: number;
}

const HOUR = 3_600_000;
/** Room for one "Dec 08" or "14:00" label at the chart's 11px font. */
const TICK_PX = 64;

/** Axis format and tick interval for a span of time drawn over `width` pixels. */
function axis(span: number, width: number): string[] {
  const ticks = Math.max(1, Math.floor(width / TICK_PX));
  if (span <= 2 * 24 * HOUR) return ['  axisFormat %H:%M', `  tickInterval ${Math.max(1, Math.ceil(span / HOUR / ticks))}hour`];
  return ['  axisFormat %b %d', `  tickInterval ${Math.max(1, Math.ceil(span / (24 * HOUR) / ticks))}day`];
}

const TIMER_KINDS = new Set(['delay', 'date', 'field']);
const ICON: Record<string, string> = { done: '✓', skipped: '↷', failed: '✗' };
/** Mermaid task tags: done is grey, crit red, active highlighted. */
const TAG: Record<string, string> = { done: 'done', failed: 'crit', skipped: 'active' };

/**
 * Text Mermaid's Gantt grammar reads literally. A ':' ends a task name, a
 * newline ends a statement, '#…;' is an entity code, a leading '%' starts a
 * comment and '<…>' would meet the sanitiser, so they become look-alikes.
 * Names also always begin with an icon, so a step called "section" or
 * "click" can never be read as a keyword.
 */
export function ganttLabel(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/:/g, '∶')
    .replace(/;/g, ',')
    .replace(/#/g, '＃')
    .replace(/%/g, '％')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'))
    .trim();
}

const wall = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');

export function ganttText(rows: TimelineRow[], options: GanttOptions): string {
  const { zone } = options;
  const lines = ['gantt', `  title ${ganttLabel(options.title) || 'Journey'}`, '  dateFormat YYYY-MM-DD HH:mm', '  todayMarker off'];
  const times = rows.map((r) => r.at);
  const span = times.length > 0 ? Math.max(...times) - Math.min(options.start, ...times) : 0;
  lines.push(...axis(span, options.axisWidth ?? 600));
  if (rows.length === 0) return `${lines.join('\n')}\n`;

  // Sections in order of first appearance; each row keeps its place in its section.
  const sections = new Map<string, TimelineRow[]>();
  const firstOfSequence = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.sequence}\u0000${r.path}`;
    const list = sections.get(key) ?? [];
    list.push(r);
    sections.set(key, list);
    firstOfSequence.set(r.sequence, Math.min(firstOfSequence.get(r.sequence) ?? Infinity, r.at));
  }
  for (const list of sections.values()) {
    const { sequence, path } = list[0];
    lines.push(`  section ${ganttLabel(`${sequence} · path ${path}`)}`);
    let reached: number | undefined;
    for (const r of list) {
      const icon = ICON[r.status] ?? '•';
      const why = r.status === 'done' ? '' : ` (${r.status}${r.reason ? `, ${r.reason}` : ''})`;
      const name = `${icon} ${ganttLabel(`${r.step}${why}`)}`;
      const tag = TAG[r.status] ?? 'active';
      // A timer waited from when its path reached it: the previous step of the path, else the enrollment.
      const from = reached ?? (firstOfSequence.get(sequence)! < r.at ? firstOfSequence.get(sequence)! : options.start);
      if (TIMER_KINDS.has(r.kind) && r.status === 'done' && wall(from, zone) < wall(r.at, zone)) {
        lines.push(`    ${name}:${tag}, ${wall(from, zone)}, ${wall(r.at, zone)}`);
      } else {
        lines.push(`    ${name}:milestone, ${tag}, ${wall(r.at, zone)}, 0m`);
      }
      reached = r.at;
    }
  }
  return `${lines.join('\n')}\n`;
}
