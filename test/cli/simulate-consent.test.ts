import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { suppressionHash } from '../../runtime/store/suppression-hash';
import { nudge } from './run-nudge';

const RUN = ['--start', '2026-12-01T14:00:00Z', '--days', '3', '--tz', 'America/New_York'];

/** The welcome email's line per contact, from `--json` output. */
function welcomeLines(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.trim().split('\n').map((l) => JSON.parse(l))) {
    if (line.step === 'welcome-email') out[line.contact] = `${line.status}${line.reason ? ` (${line.reason})` : ''}`;
  }
  return out;
}

describe('nudge simulate: email status', () => {
  it("skips marketing email by the contacts file's statuses, and names a misspelt status", () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-consent-'));
    const contacts = join(dir, 'contacts.json');
    writeFileSync(contacts, JSON.stringify([
      { id: 'c1', email: 'ann@example.test' },
      { id: 'c2', email: 'bo@example.test', emailStatus: 'unsubscribed' },
      { id: 'c3', email: 'cy@example.test', emailStatus: 'hard-bounce' },
      { id: 'c4', email: 'di@example.test', emailStatus: 'confirmed' },
      { id: 'c5', email: 'ed@example.test', emailStatus: 'unsubscibed' },
    ]));
    const json = nudge(['simulate', 'samples/lead-welcome.seq.ts', '--contacts', contacts, ...RUN, '--json']);
    expect(json.code).toBe(0);
    expect(welcomeLines(json.stdout)).toEqual({
      c1: 'done', c2: 'skipped (not marketable: unsubscribed)', c3: 'skipped (not marketable: hard bounce)', c4: 'done', c5: 'skipped (not marketable: non-marketable)',
    });
    const human = nudge(['simulate', 'samples/lead-welcome.seq.ts', '--contacts', contacts, ...RUN]);
    expect(human.stdout).toContain('not marketable: unsubscribed');
    expect(human.stdout + human.stderr).toContain('emailStatus "unsubscibed" is not an email status');
  });

  it("shows the same skips from a store copy: stored statuses and the store's suppression list, also for a contacts file simulated against it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-consent-'));
    const file = join(dir, 'store.json');
    const store = await LowdbStore.open(file);
    await store.commit({
      contacts: [{ id: 'c1', email: 'ann@example.test' }, { id: 'c2', email: 'bo@example.test', emailStatus: 'complaint' }, { id: 'c3', email: 'Cy@Example.test' }],
      suppress: [{ hash: suppressionHash('cy@example.test'), status: 'hard-bounce', at: 0, source: 'smtp' }],
    });
    await store.close();
    const fromStore = nudge(['simulate', 'samples/lead-welcome.seq.ts', '--store', file, ...RUN, '--json']);
    expect(fromStore.code).toBe(0);
    expect(welcomeLines(fromStore.stdout)).toEqual({ c1: 'done', c2: 'skipped (not marketable: complaint)', c3: 'skipped (not marketable: hard bounce)' });

    const contacts = join(dir, 'import.json');
    writeFileSync(contacts, JSON.stringify([{ id: 'n1', email: 'cy@example.test' }, { id: 'n2', email: 'new@example.test' }]));
    const reimport = nudge(['simulate', 'samples/lead-welcome.seq.ts', '--store', file, '--contacts', contacts, ...RUN, '--json']);
    expect(welcomeLines(reimport.stdout)).toEqual({ n1: 'skipped (not marketable: hard bounce)', n2: 'done' });
  });
});
