/** A real runtime for publishing tests: a lowdb file in a temp folder, a simulated clock, sequence files on disk. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from '../../runtime/hosts/live/clock';
import { RuntimeHost } from '../../runtime/hosts/live/runtime-host';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { SequencePublisher, type PublishLogEntry } from '../../runtime/publish/sequence-publisher';

export const START = Date.parse('2026-03-02T12:00:00Z');
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface NurtureEdit {
  firstWait?: string | null;
  middleWait?: string | null;
  cooldown?: string;
  warmTag?: boolean;
  /** Text of the second email's body: an unknown merge field makes the file invalid. */
  tipsBody?: string;
}

/** What every marketing email carries (NUDGE029, NUDGE030). */
export const FOOTER = ' ~Account.Address~ ~Unsubscribe~';

/** The nurture sequence; each option is one kind of edit a user makes. */
export function nurtureFile(edit: NurtureEdit = {}): string {
  const lines = [
    "import { sequence, start, tagApplied } from 'nudge';",
    '',
    "export default sequence('nurture', {",
    "  name: 'Nurture',",
    "  startOn: tagApplied('Lead'),",
    '  paths: [',
    '    start()',
    `      .email({ subject: 'Welcome', body: 'Hi ~Contact.FirstName|there~.${FOOTER}' })`,
    edit.warmTag ? "      .applyTag('Warm')" : null,
    edit.firstWait === null ? null : `      .delay('${edit.firstWait ?? '1d'}')`,
    `      .email({ subject: 'Tips', body: '${edit.tipsBody ?? 'Grind finer.'}${FOOTER}' })`,
    edit.middleWait === null ? null : `      .delay('${edit.middleWait ?? '2d'}')`,
    `      .email({ subject: 'Offer', body: 'Ten percent off.${FOOTER}' })`,
    `      .delay('${edit.cooldown ?? '1d'}', { id: 'cooldown' })`,
    `      .email({ subject: 'Bye', body: 'See you.${FOOTER}' })`,
    "      .delay('7d', { id: 'final-wait' })",
    "      .applyNote({ subject: 'Finished' }),",
    '  ],',
    '});',
    '',
  ];
  return lines.filter((l) => l !== null).join('\n');
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeSequence(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export async function openRuntime(root: string, clock = new SimulatedClock(START)) {
  const dir = join(root, 'sequences');
  mkdirSync(dir, { recursive: true });
  const store = await LowdbStore.open(join(root, 'store.json'));
  const host = await RuntimeHost.create({ store, clock, accountZone: 'UTC' });
  const logs: PublishLogEntry[] = [];
  const publisher = new SequencePublisher({ dir, host, log: (e) => logs.push(e), accountZone: 'UTC', debounceMs: 100 });
  return { dir, store, host, clock, publisher, logs };
}

/** History of a contact as `step@ISO` for steps and `# message` for the host's notes. */
export async function historyOf(store: LowdbStore, id: string): Promise<string[]> {
  return (await store.history(id)).map((h) => (h.step ? `${h.step}@${new Date(h.time).toISOString()}` : `# ${h.message}`));
}

export const iso = (t: number) => new Date(t).toISOString();
