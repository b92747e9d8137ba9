import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LowdbStore } from '../../runtime/store/lowdb-store';
import { seedStoreFromFiles } from '../../runtime/store/contact-file';
import { nudge } from './run-nudge';

describe('nudge simulate --store', () => {
  it('simulates the contacts of a real lowdb store and leaves the file untouched', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nudge-store-')), 'store.json');
    const store = await LowdbStore.open(file);
    await seedStoreFromFiles(store, 'samples/contacts.json', 'samples/users.json');
    await store.flush();
    await store.close();
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;

    const r = nudge(['simulate', 'samples/lead-welcome.seq.ts', '--store', file, '--start', '2026-12-01T14:00:00Z', '--days', '10', '--tz', 'America/New_York', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const contacts = new Set(lines.map((l) => l.contact));
    expect(contacts.size).toBe(22);
    // The same contacts and users give exactly the journey of the contacts-file run.
    const fromFile = nudge(['simulate', 'samples/lead-welcome.seq.ts', '--contacts', 'samples/contacts.json', '--users', 'samples/users.json', '--start', '2026-12-01T14:00:00Z', '--days', '10', '--tz', 'America/New_York', '--json']);
    expect(r.stdout).toBe(fromFile.stdout);

    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });
});
