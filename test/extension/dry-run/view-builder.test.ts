import { describe, expect, it } from 'vitest';
import { simulate } from '../../../runtime/hosts/dry-run/simulate';
import { buildDryRunView, localTime } from '../../../extension/dry-run/view-builder';
import { htmlToText } from '../../../extension/dry-run/outbox-view';
import { DAY, leadWelcome, sampleContacts, sampleUsers, START } from './fixtures';

async function run(days = 10) {
  const sequences = await leadWelcome();
  const contacts = sampleContacts();
  const users = sampleUsers();
  const until = START + days * DAY;
  const result = simulate({ sequences, contacts, users, start: START, until, accountZone: 'America/New_York' }, { collect: true });
  return { result, view: buildDryRunView(result, { title: 'Dry run', accountZone: 'America/New_York', contacts, start: START, until }) };
}

describe('buildDryRunView on lead-welcome.seq.ts and samples/contacts.json', () => {
  it('writes every timeline row in its contact’s own zone', async () => {
    const { view, result } = await run();
    expect(view.timeline).toHaveLength(result.trace.length);
    const welcome = (id: string) => view.timeline.find((r) => r.contact === id && r.step === 'welcome-email')!;
    // The run starts at 14:00 UTC: 09:00 in New York, 14:00 in Dublin, 01:00 next day in Sydney
    // (zones without an English abbreviation show their offset, as in the CLI's report).
    expect(welcome('c01').local).toBe('Tue 2026-12-01 09:00 EST');
    expect(welcome('c02').local).toBe('Tue 2026-12-01 14:00 GMT');
    expect(welcome('c03').local).toBe('Wed 2026-12-02 01:00 +11:00');
    expect(welcome('c04').local).toBe('Tue 2026-12-01 19:30 +05:30');
    expect(welcome('c01').utc).toBe('2026-12-01T14:00:00.000Z');
    // The 2-day weekday delay fires at 09:00 in the contact's zone (tz: 'contact').
    const delays = view.timeline.filter((r) => r.kind === 'delay' && r.path === 0 && r.status === 'done' && r.step === view.timeline.find((x) => x.kind === 'delay' && x.path === 0)!.step);
    expect(delays.length).toBeGreaterThan(3);
    for (const d of delays) expect(d.local).toMatch(/ 09:00 /);
  });

  it('lists the contacts with their names and zones, sorted by id', async () => {
    const { view } = await run();
    expect(view.contacts[0]).toEqual({ id: 'c01', name: 'Maria Garcia', zone: 'America/New_York' });
    expect(view.contacts.map((c) => c.id)).toEqual([...view.contacts.map((c) => c.id)].sort());
  });

  it('turns the step counts into canvas counts keyed by sequence and step id', async () => {
    const { view, result } = await run();
    expect(view.counts.source).toBe('dryRun');
    expect(view.counts.label).toMatch(/^Dry run: \d+ contacts, 10 days$/);
    for (const r of result.counts.list()) {
      expect(view.counts.bySequence[r.sequence][r.step]).toEqual({ reached: r.reached, done: r.done, skipped: r.skipped, failed: r.failed, waiting: r.waiting });
    }
    const welcome = view.counts.bySequence['lead-welcome']['welcome-email'];
    expect(welcome.reached).toBe(sampleContacts().length);
    expect((welcome.done ?? 0) + (welcome.skipped ?? 0)).toBe(welcome.reached);
  });

  it('renders the outbox: subject with merge fields filled, recipient, body as text', async () => {
    const { view } = await run();
    const maria = view.outbox.find((o) => o.contact === 'c01' && o.step === 'welcome-email')!;
    expect(maria.kind).toBe('email');
    expect(maria.title).toBe('Welcome to Acme Coffee, Maria!');
    expect(maria.to).toBe('maria.garcia@example.com');
    expect(maria.local).toBe('Tue 2026-12-01 09:00 EST');
    expect(maria.body).not.toMatch(/<p>|<a /);
    expect(maria.body).toContain('Hi Maria,');
    expect(maria.body).toContain('Book a free tasting call (https://acme.test/book-demo)');
    const sales = view.outbox.filter((o) => o.to === 'sales@acme.test');
    expect(sales.length).toBeGreaterThan(0);
    expect(sales[0].body).toContain('Email: ');
  });

  it('warns about contacts the engine had trouble with, and skipped steps keep their reason', async () => {
    const { view } = await run();
    const skipped = view.timeline.filter((r) => r.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const s of skipped) expect(s.reason).toBeTruthy();
    expect(view.warnings.every((w) => typeof w === 'string' && w.length > 0)).toBe(true);
  });

  it('formats the weekday and zone for any instant', () => {
    expect(localTime(Date.parse('2026-07-01T12:00:00Z'), 'Europe/London')).toBe('Wed 2026-07-01 13:00 +01:00');
  });
});

describe('htmlToText', () => {
  it('keeps text, breaks paragraphs, shows link targets and decodes entities', () => {
    expect(htmlToText('plain & simple')).toBe('plain & simple');
    expect(htmlToText('<p>Hi &amp; welcome</p><p>See <a href="https://x.test/a?b=1&amp;c=2">this</a>&#33;</p>')).toBe('Hi & welcome\nSee this (https://x.test/a?b=1&c=2)!');
    expect(htmlToText('a<br>b<script>alert(1)</script>')).toBe('a\nb');
  });
});
