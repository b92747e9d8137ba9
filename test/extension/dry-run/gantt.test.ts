import { describe, expect, it } from 'vitest';
import { ganttLabel, ganttText } from '../../../extension/shared/gantt';
import { buildDryRunView } from '../../../extension/dry-run/view-builder';
import type { TimelineRow } from '../../../extension/protocol';
import { simulate } from '../../../runtime/hosts/dry-run/simulate';
import { parseMermaid } from '../../mermaid/mermaid-parser';
import { DAY, leadWelcome, sampleContacts, sampleUsers, START } from './fixtures';

/** The tasks Mermaid's Gantt parser builds from the text (after parseMermaid has loaded Mermaid under jsdom). */
async function mermaidTasks(text: string): Promise<Array<{ task: string }>> {
  await parseMermaid(text);
  const { default: mermaid } = await import('mermaid');
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  return (diagram.db as unknown as { getTasks(): Array<{ task: string }> }).getTasks();
}

const row = (over: Partial<TimelineRow>): TimelineRow => ({
  at: START, utc: '', local: '', contact: 'c1', sequence: 'seq', path: 0, step: 'step', kind: 'email', status: 'done', ...over,
});

describe('ganttText', () => {
  it('draws a real journey that Mermaid parses: a bar per fired timer, a milestone per other step', async () => {
    const sequences = await leadWelcome();
    const contacts = sampleContacts();
    const until = START + 14 * DAY;
    const result = simulate({ sequences, contacts, users: sampleUsers(), start: START, until, accountZone: 'America/New_York' }, { collect: true });
    const view = buildDryRunView(result, { title: 't', accountZone: 'America/New_York', contacts, start: START, until });
    const rows = view.timeline.filter((r) => r.contact === 'c01');
    const text = ganttText(rows, { zone: 'America/New_York', title: 'c01 Maria Garcia (America/New_York)', start: START });
    await parseMermaid(text);
    expect(text).toContain('section lead-welcome · path 0');
    expect(text).toContain('section lead-welcome · path 1');
    // The welcome email is a milestone at 09:00 New York time; the 2-day delay a bar from it to its 09:00 fire.
    expect(text).toMatch(/✓ welcome-email:milestone, done, 2026-12-01 09:00, 0m/);
    const delay = rows.find((r) => r.kind === 'delay' && r.path === 0)!;
    expect(text).toContain(`✓ ${delay.step}:done, 2026-12-01 09:00, 2026-12-03 09:00`);
    expect(await mermaidTasks(text)).toHaveLength(rows.length);
  });

  it('shows times in the given zone, whatever the machine’s', () => {
    const text = ganttText([row({ at: Date.parse('2026-12-01T14:00:00Z') })], { zone: 'Asia/Kolkata', title: 'x', start: START });
    expect(text).toContain('2026-12-01 19:30, 0m');
  });

  it('marks skipped and failed steps with their reason, and a skipped timer is a milestone', async () => {
    const rows = [
      row({ step: 'xmas', kind: 'date', status: 'skipped', reason: 'date passed' }),
      row({ step: 'charge', kind: 'order', status: 'failed', reason: 'card declined', at: START + 3_600_000 }),
    ];
    const text = ganttText(rows, { zone: 'UTC', title: 'x', start: START });
    expect(text).toContain('↷ xmas (skipped, date passed):milestone, active, 2026-12-01 14:00, 0m');
    expect(text).toContain('✗ charge (failed, card declined):milestone, crit, 2026-12-01 15:00, 0m');
    await parseMermaid(text);
  });

  it('escapes labels Mermaid would misread (colons, newlines, entities, comments, keywords)', async () => {
    const nasty = ['a: b', 'line\nbreak', '#35; x', '%% comment', 'section', 'click me', '<b>bold</b>', 'semi; colon', '{x}', 'title'];
    const rows = nasty.map((step, i) => row({ step, sequence: `seq: ${i}\n`, path: i, at: START + i * 60_000, reason: 'r: #1;' , status: i % 2 ? 'skipped' : 'done' }));
    const text = ganttText(rows, { zone: 'UTC', title: 'Journey: of %% <you>', start: START });
    await parseMermaid(text);
    expect(text.split('\n').filter((l) => l.startsWith('    '))).toHaveLength(nasty.length);
    // Mermaid itself reads one task per row, named as written (the name ends at the first ':').
    const tasks = await mermaidTasks(text);
    expect(tasks).toHaveLength(nasty.length);
    expect(tasks[0].task).toBe('✓ a∶ b');
    expect(tasks[1].task).toBe('↷ line break (skipped, r∶ ＃1,)');
    expect(tasks[4].task).toBe('✓ section');
    expect(ganttLabel('a:b#c;d%e<f>')).toBe('a∶b＃c,d％e‹f›');
  });

  it('gives an empty chart for a contact with no steps, still valid Mermaid', async () => {
    const text = ganttText([], { zone: 'UTC', title: 'nobody', start: START });
    expect(text.startsWith('gantt\n')).toBe(true);
    await parseMermaid(text);
  });
});

describe('ganttText axis', () => {
  it('spaces ticks so labels fit the width: hours for short spans, days for long ones', async () => {
    const hours = ganttText([row({ at: START }), row({ at: START + 10 * 3_600_000 })], { zone: 'UTC', title: 'x', start: START, axisWidth: 320 });
    expect(hours).toContain('axisFormat %H:%M\n  tickInterval 2hour');
    const days = ganttText([row({ at: START }), row({ at: START + 30 * DAY })], { zone: 'UTC', title: 'x', start: START, axisWidth: 320 });
    expect(days).toContain('axisFormat %b %d\n  tickInterval 6day');
    await parseMermaid(days);
    await parseMermaid(hours);
  });
});
