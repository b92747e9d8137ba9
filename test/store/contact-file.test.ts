import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ContactFileError,
  loadContactsFile,
  loadUsersFile,
  parseContacts,
  seedStoreFromFiles,
} from '../../runtime/store/contact-file';
import { MemoryStore } from '../../runtime/store/memory-store';
import { suppressionHash } from '../../runtime/store/suppression-hash';

const SAMPLES = join(__dirname, '../../samples');

describe('loadContactsFile with samples/contacts.json', () => {
  it('keeps all 22 contacts and reports the bad time zone and the day-first birthday with their fixes', () => {
    const { contacts, problems } = loadContactsFile(join(SAMPLES, 'contacts.json'));
    expect(contacts).toHaveLength(22);
    expect(problems.map(({ contactId, index, field }) => ({ contactId, index, field }))).toEqual([
      { contactId: 'c12', index: 11, field: 'timezone' },
      { contactId: 'c13', index: 12, field: 'birthday' },
    ]);
    expect(problems[0].message).toMatch(/"Mars\/Olympus_Mons" is not a known IANA time zone.*account zone/);
    expect(problems[1].message).toMatch(/"31\/12\/1985" is day-first; write it as "1985-12-31".*'field empty'/);
    // Kept as written: the engine falls back / skips, the user fixes the file.
    expect(contacts.find((c) => c.id === 'c12')!.timezone).toBe('Mars/Olympus_Mons');
    expect(contacts.find((c) => c.id === 'c13')!.birthday).toBe('31/12/1985');
  });
});

describe('parseContacts with crafted bad records', () => {
  const parse = (records: unknown[]) => parseContacts(JSON.stringify(records), 'crafted.json');

  it('drops a record without a usable id, and the second of two with the same id', () => {
    const { contacts, problems } = parse([{ id: 'c1' }, { email: 'x@example.com' }, { id: 42 }, { id: 'c1', firstName: 'Dup' }, 'c9', { id: 'c2' }]);
    expect(contacts.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(contacts[0].firstName).toBeUndefined();
    expect(problems).toEqual([
      { index: 1, field: 'id', message: expect.stringMatching(/needs an id.*it has none.*skipped/) },
      { index: 2, field: 'id', message: expect.stringMatching(/got 42/) },
      { contactId: 'c1', index: 3, field: 'id', message: expect.stringMatching(/already used by record 0.*own id/) },
      { index: 4, field: 'record', message: expect.stringMatching(/must be an object/) },
    ]);
  });

  it('keeps bad dates as written and says how to fix them', () => {
    const { contacts, problems } = parse([
      { id: 'a', birthday: '2026-02-30' },
      { id: 'b', anniversary: '12/25/2020' },
      { id: 'c', birthday: '03/04/1990' },
      { id: 'd', birthday: 19900101 },
      { id: 'ok', birthday: '1992-02-29', anniversary: '1990-05-17T00:00:00Z' },
      { id: 'empty', birthday: '' },
    ]);
    expect(contacts).toHaveLength(6);
    expect(problems.map((p) => [p.contactId, p.field])).toEqual([
      ['a', 'birthday'],
      ['b', 'anniversary'],
      ['c', 'birthday'],
      ['d', 'birthday'],
    ]);
    expect(problems[0].message).toMatch(/"2026-02-30" is not a calendar date/);
    expect(problems[1].message).toMatch(/month-first; write it as "2020-12-25"/);
    expect(problems[2].message).toMatch(/not a date in the form YYYY-MM-DD/); // 3 April or 4 March: no guess
    expect(problems[3].message).toMatch(/as text "YYYY-MM-DD", not number/);
  });

  it('suggests the zone a typo meant', () => {
    const { problems } = parse([{ id: 'a', timezone: 'America/New_Yrok' }, { id: 'b', timezone: 'utc' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/did you mean "America\/New_York"/);
  });

  it('loads a contact whose tags are unusable without them, and leaves out non-string tags', () => {
    const { contacts, problems } = parse([{ id: 'a', tags: 'Customer, VIP' }, { id: 'b', tags: ['VIP', 7, null] }]);
    expect(contacts[0].tags).toBeUndefined();
    expect(contacts[1].tags).toEqual(['VIP']);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/array of strings such as \["Customer"\].*without tags/),
      expect.stringMatching(/\[7,null\] were left out/),
    ]);
  });

  it('loads a contact whose email is not exactly one plain address without it (never several recipients)', () => {
    const { contacts, problems } = parse([
      { id: 'a', email: 'a@x.test, b@evil.test' }, { id: 'b', email: '<evil@x.y>a' }, { id: 'c', email: 'Ann <ann@x.test>' }, { id: 'd', email: 'Dee@Example.test' },
    ]);
    expect(contacts.map((c) => c.email)).toEqual([undefined, undefined, undefined, 'Dee@Example.test']);
    expect(problems.map((p) => [p.contactId, p.field])).toEqual([['a', 'email'], ['b', 'email'], ['c', 'email']]);
    expect(problems[0].message).toMatch(/not one email address.*loaded without an email/);
  });

  it('reports a contact whose owner is not a known user', () => {
    const { problems } = parseContacts(JSON.stringify([{ id: 'a', ownerId: 'u-zed' }, { id: 'b', ownerId: 'u-ann' }]), 'x.json', {
      userIds: ['u-ann'],
    });
    expect(problems).toEqual([{ contactId: 'a', index: 0, field: 'ownerId', message: expect.stringMatching(/"u-zed" is not a known user/) }]);
  });

  it('throws a clear error, with the file name, for a file that is not a JSON array', () => {
    expect(() => parseContacts('{"id": "c1"}', 'contacts.json')).toThrow(ContactFileError);
    expect(() => parseContacts('{"id": "c1"}', 'contacts.json')).toThrow(/^contacts\.json: must be a JSON array of contact records.*not an object/);
    expect(() => parseContacts('[{"id": "c1",]', 'contacts.json')).toThrow(/^contacts\.json: is not valid JSON/);
    expect(() => loadContactsFile('/nonexistent/contacts.json')).toThrow(/\/nonexistent\/contacts\.json: cannot be read \(ENOENT\)/);
  });
});

describe('users and seeding', () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'nudge-seed-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('loads the sample users, and stops on a bad users file', async () => {
    expect(loadUsersFile(join(SAMPLES, 'users.json')).map((u) => u.id)).toEqual(['u-ann', 'u-bob', 'u-cho', 'u-dee']);
    const bad = join(dir, 'users.json');
    await writeFile(bad, JSON.stringify([{ id: 'u1' }, { firstName: 'Nobody' }]));
    expect(() => loadUsersFile(bad)).toThrow(/users\.json: record 1: every user needs an id/);
  });

  it('seeds a store with the sample contacts and users', async () => {
    const store = new MemoryStore();
    const result = await seedStoreFromFiles(store, join(SAMPLES, 'contacts.json'), join(SAMPLES, 'users.json'));
    expect(result).toMatchObject({ contacts: 22, users: 4 });
    expect(result.problems.map((p) => p.field)).toEqual(['timezone', 'birthday']); // every owner is a sample user
    expect(await store.countContacts()).toBe(22);
    expect((await store.getContacts(['c05'])).get('c05')!.company).toBe('Smith & Sons Ltd');
    expect((await store.listUsers()).map((u) => u.id)).toEqual(['u-ann', 'u-bob', 'u-cho', 'u-dee']);
  });

  it('imports as the live host creates: a ledger line per contact, suppressed addresses get their status, opted-out ones are listed', async () => {
    const store = new MemoryStore();
    await store.commit({ suppress: [{ hash: suppressionHash('ann@example.test'), status: 'hard-bounce', at: 1, source: 'smtp' }] });
    const dir = mkdtempSync(join(tmpdir(), 'nudge-import-'));
    const file = join(dir, 'list.json');
    writeFileSync(file, JSON.stringify([
      { id: 'a', email: 'Ann@Example.test' }, { id: 'b', email: 'bo@example.test', emailStatus: 'unsubscribed' }, { id: 'c', email: 'cy@example.test' },
    ]));
    await seedStoreFromFiles(store, file, undefined, 5);
    const got = await store.getContacts(['a', 'b', 'c']);
    expect([...got.values()].map((c) => c.emailStatus)).toEqual(['hard-bounce', 'unsubscribed', undefined]);
    expect((await store.consentLedger('a')).map((l) => [l.event, l.status, l.source])).toEqual([
      ['created', 'unconfirmed', { kind: 'import', id: 'list.json' }], ['suppressed', 'hard-bounce', { kind: 'smtp' }],
    ]);
    expect((await store.listSuppression()).map((s) => [s.hash, s.status])).toEqual([
      [suppressionHash('ann@example.test'), 'hard-bounce'], [suppressionHash('bo@example.test'), 'unsubscribed'],
    ]);
  });
});
