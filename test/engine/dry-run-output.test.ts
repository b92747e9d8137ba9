/**
 * SEMANTICS §5 end to end: the real `nudge simulate` command on small
 * sequence files (test/engine/files/), its JSON lines, its human report,
 * scenarios, and its errors.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const FILES = 'test/engine/files';
const NY = 'America/New_York';

interface CliRun { code: number | null; stdout: string; stderr: string }

function nudge(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, ['bin/nudge.js', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function simulateJson(file: string, ...args: string[]): { run: CliRun; lines: Array<Record<string, unknown>> } {
  const run = nudge('simulate', `${FILES}/${file}`, ...args, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { run, lines };
}

/** A line as `time contact sequence/path step kind status (reason)`. */
const brief = (l: Record<string, unknown>) => l.kind === 'goal'
  ? `${l.time} ${l.contact} ${l.sequence} goal ${l.goal} (${l.cause}${l.reason !== undefined ? `: ${l.reason}` : ''})`
  : `${l.time} ${l.contact} ${l.sequence}/${l.path} ${l.step} ${l.kind} ${l.status}${l.reason !== undefined ? ` (${l.reason})` : ''}`;

let tmp: string;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  tmp = mkdtempSync(join(tmpdir(), 'nudge-dry-run-'));
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('nudge simulate --json (SEMANTICS §5)', () => {
  const welcome = () => simulateJson('welcome.seq.ts', '--contacts', `${FILES}/contacts.json`, '--start', '2026-03-06T14:00:00Z', '--days', '5', '--tz', NY);

  it('prints one JSON object per line with exactly the keys time, contact, sequence, path, step, kind, status, reason? in that order', () => {
    const { run, lines } = welcome();
    expect(lines.length).toBeGreaterThan(0);
    for (const [i, line] of lines.entries()) {
      const keys = ['time', 'contact', 'sequence', 'path', 'step', 'kind', 'status'];
      if (line.status !== 'done') keys.push('reason');
      expect(Object.keys(line)).toEqual(keys);
      expect(line.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(typeof line.path).toBe('number');
      expect(['done', 'skipped', 'failed']).toContain(line.status);
      // Compact JSON, byte for byte what JSON.stringify gives for these keys.
      expect(run.stdout.split('\n')[i]).toBe(JSON.stringify(line));
    }
    expect(run.stdout.split('\n')[0]).toBe(
      '{"time":"2026-03-06T14:00:00.000Z","contact":"c1","sequence":"alpha","path":0,"step":"tag-alpha","kind":"applyTag","status":"done"}',
    );
    expect(run.stdout).toContain(
      '{"time":"2026-03-06T14:00:00.000Z","contact":"c1","sequence":"welcome","path":2,"step":"xmas","kind":"date","status":"skipped","reason":"date passed"}\n',
    );
    expect(run.stdout).toContain(
      '{"time":"2026-03-06T14:00:00.000Z","contact":"c1","sequence":"alpha","path":0,"step":"task-call","kind":"task","status":"failed","reason":"contact has no owner"}\n',
    );
  });

  it('enrolls every contact in every sequence of the file and prints lines in execution order (time, sequence, contact, path, step)', () => {
    const { lines } = welcome();
    expect(lines.map(brief)).toEqual([
      '2026-03-06T14:00:00.000Z c1 alpha/0 tag-alpha applyTag done',
      '2026-03-06T14:00:00.000Z c1 alpha/0 task-call task failed (contact has no owner)',
      '2026-03-06T14:00:00.000Z c10 alpha/0 tag-alpha applyTag done',
      '2026-03-06T14:00:00.000Z c10 alpha/0 task-call task failed (contact has no owner)',
      '2026-03-06T14:00:00.000Z c2 alpha/0 tag-alpha applyTag done',
      '2026-03-06T14:00:00.000Z c2 alpha/0 task-call task failed (contact has no owner)',
      '2026-03-06T14:00:00.000Z c1 welcome/0 email-welcome email done',
      '2026-03-06T14:00:00.000Z c1 welcome/2 xmas date skipped (date passed)',
      '2026-03-06T14:00:00.000Z c1 welcome/2 tag-xmas applyTag skipped (timer skipped)',
      '2026-03-06T14:00:00.000Z c10 welcome/0 email-welcome email done',
      '2026-03-06T14:00:00.000Z c10 welcome/2 xmas date skipped (date passed)',
      '2026-03-06T14:00:00.000Z c10 welcome/2 tag-xmas applyTag skipped (timer skipped)',
      '2026-03-06T14:00:00.000Z c2 welcome/0 email-welcome email skipped (no email address)',
      '2026-03-06T14:00:00.000Z c2 welcome/2 xmas date skipped (date passed)',
      '2026-03-06T14:00:00.000Z c2 welcome/2 tag-xmas applyTag skipped (timer skipped)',
      '2026-03-07T14:00:00.000Z c1 welcome/1 day1 delay done',
      '2026-03-07T14:00:00.000Z c1 welcome/1 passed date skipped (date passed)',
      '2026-03-07T14:00:00.000Z c1 welcome/1 tag-never applyTag skipped (timer skipped)',
      '2026-03-07T14:00:00.000Z c10 welcome/1 day1 delay done',
      '2026-03-07T14:00:00.000Z c10 welcome/1 passed date skipped (date passed)',
      '2026-03-07T14:00:00.000Z c10 welcome/1 tag-never applyTag skipped (timer skipped)',
      '2026-03-07T14:00:00.000Z c2 welcome/1 day1 delay done',
      '2026-03-07T14:00:00.000Z c2 welcome/1 passed date skipped (date passed)',
      '2026-03-07T14:00:00.000Z c2 welcome/1 tag-never applyTag skipped (timer skipped)',
      '2026-03-09T12:00:00.000Z c1 welcome/0 wait-3d delay done',
      '2026-03-09T12:00:00.000Z c1 welcome/0 email-tips email done',
      '2026-03-09T12:00:00.000Z c10 welcome/0 wait-3d delay done',
      '2026-03-09T12:00:00.000Z c10 welcome/0 email-tips email done',
      '2026-03-09T12:00:00.000Z c2 welcome/0 wait-3d delay done',
      '2026-03-09T12:00:00.000Z c2 welcome/0 email-tips email skipped (no email address)',
    ]);
  });

  it('writes a timer line at its fire time, and a skipped timer line at the time it was reached', () => {
    const { lines } = welcome();
    const c1 = lines.filter((l) => l.contact === 'c1');
    expect(c1.find((l) => l.step === 'wait-3d')!.time).toBe('2026-03-09T12:00:00.000Z');
    expect(c1.find((l) => l.step === 'day1')!.time).toBe('2026-03-07T14:00:00.000Z');
    // 'passed' is reached after the one-day delay, not at entry.
    expect(c1.find((l) => l.step === 'passed')).toEqual({
      time: '2026-03-07T14:00:00.000Z', contact: 'c1', sequence: 'welcome', path: 1, step: 'passed', kind: 'date', status: 'skipped', reason: 'date passed',
    });
  });

  it('stops at the horizon: a timer due after --days is not printed', () => {
    const { lines } = simulateJson('welcome.seq.ts', '--contacts', `${FILES}/contacts.json`, '--start', '2026-03-06T14:00:00Z', '--days', '2', '--tz', NY);
    expect(lines.some((l) => l.step === 'day1')).toBe(true);
    expect(lines.some((l) => l.step === 'wait-3d' || l.step === 'email-tips')).toBe(false);
  });

  it('uses --tz as the account zone: the same start in UTC fires the 08:00 timer at 08:00Z', () => {
    const { lines } = simulateJson('welcome.seq.ts', '--contacts', `${FILES}/contacts.json`, '--start', '2026-03-06T14:00:00Z', '--days', '5', '--tz', 'UTC');
    expect(lines.filter((l) => l.step === 'wait-3d').map((l) => l.time)).toEqual(Array(3).fill('2026-03-09T08:00:00.000Z'));
  });
});

describe('the worked examples of SEMANTICS §2.1, through the CLI (account zone America/New_York)', () => {
  const fire = (start: string, sequence: string) => {
    const { lines } = simulateJson('worked-examples.seq.ts', '--contacts', `${FILES}/contacts.json`, '--start', start, '--days', '4', '--tz', NY);
    return lines.filter((l) => l.sequence === sequence && l.contact === 'c1').map(brief);
  };

  it("Fri 2026-03-06 09:00, delay('3d', { on: 'weekdays', at: '08:00' }) → Mon 03-09 08:00 EDT", () => {
    expect(fire('2026-03-06T14:00:00Z', 'ex1-weekdays')).toEqual([
      '2026-03-09T12:00:00.000Z c1 ex1-weekdays/0 wait delay done',
      '2026-03-09T12:00:00.000Z c1 ex1-weekdays/0 after applyTag done',
    ]);
  });

  it("Mon 2026-01-05 16:30, delay('2h', { between: ['09:00','17:00'] }) → Tue 01-06 09:00", () => {
    expect(fire('2026-01-05T21:30:00Z', 'ex2-business-hours')).toEqual([
      '2026-01-06T14:00:00.000Z c1 ex2-business-hours/0 wait delay done',
      '2026-01-06T14:00:00.000Z c1 ex2-business-hours/0 after applyTag done',
    ]);
  });

  it("Sat 2026-03-07 02:30, delay('1d') → Sun 03-08 02:30 does not exist → 03:30 EDT", () => {
    expect(fire('2026-03-07T07:30:00Z', 'ex3-spring-gap')).toEqual([
      '2026-03-08T07:30:00.000Z c1 ex3-spring-gap/0 wait delay done',
      '2026-03-08T07:30:00.000Z c1 ex3-spring-gap/0 after applyTag done',
    ]);
  });
});

describe('nudge simulate without --json: the human report', () => {
  let out: CliRun;
  beforeAll(() => {
    out = nudge('simulate', `${FILES}/welcome.seq.ts`, '--contacts', `${FILES}/contacts.json`, '--start', '2026-03-06T14:00:00Z', '--days', '5', '--tz', NY);
  }, 60_000);

  it('exits 0 with a title naming the file, the contacts and the horizon in the account zone', () => {
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')[0]).toBe(
      `Dry run of ${FILES}/welcome.seq.ts: 3 contact(s), 2026-03-06 09:00 EST → 2026-03-11 10:00 EDT (account zone ${NY})`,
    );
  });

  it("shows each contact's timeline in the contact's own local time", () => {
    const block = (title: string) => {
      const lines = out.stdout.split('\n');
      const at = lines.indexOf(title);
      expect(at, `no block titled ${title}`).toBeGreaterThanOrEqual(0);
      return lines.slice(at + 1, lines.indexOf('', at));
    };
    const ada = block('c1 Ada Lovelace <ada@example.com> (America/New_York)');
    expect(ada.find((l) => l.includes('wait-3d'))).toMatch(/^ {2}2026-03-09 08:00 EDT\s+welcome\s+path 0\s+wait-3d\s+delay\s+done$/);
    expect(ada.find((l) => l.includes(' xmas '))).toMatch(/^ {2}2026-03-06 09:00 EST\s+welcome\s+path 2\s+xmas\s+date\s+skipped \(date passed\)$/);
    const bo = block('c2 Bo (Asia/Tokyo)');
    expect(bo.find((l) => l.includes('wait-3d'))).toMatch(/^ {2}2026-03-09 21:00 (JST|\+09:00)\s/);
    expect(bo.find((l) => l.includes('email-welcome'))).toMatch(/skipped \(no email address\)$/);
    expect(block('c10 <cy@example.com> (Europe/London)').find((l) => l.includes('wait-3d'))).toMatch(/^ {2}2026-03-09 12:00 GMT\s/);
  });

  it('prints per-step counts: reached, done, skipped, failed, waiting', () => {
    const lines = out.stdout.split('\n');
    const at = lines.indexOf('Per-step counts');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1].trim().split(/\s+/)).toEqual(['sequence', 'path', 'step', 'kind', 'reached', 'done', 'skipped', 'failed', 'waiting']);
    const row = (step: string) => lines.slice(at + 2).find((l) => l.trim().split(/\s+/)[2] === step)!.trim().split(/\s+/);
    expect(row('email-welcome')).toEqual(['welcome', '0', 'email-welcome', 'email', '3', '2', '1', '0', '0']);
    expect(row('wait-3d')).toEqual(['welcome', '0', 'wait-3d', 'delay', '3', '3', '0', '0', '0']);
    expect(row('xmas')).toEqual(['welcome', '2', 'xmas', 'date', '3', '0', '3', '0', '0']);
    expect(row('tag-alpha')).toEqual(['alpha', '0', 'tag-alpha', 'applyTag', '3', '3', '0', '0', '0']);
    expect(row('task-call')).toEqual(['alpha', '0', 'task-call', 'task', '3', '0', '0', '3', '0']);
  });

  it('counts contacts still waiting on a timer at the horizon', () => {
    const short = nudge('simulate', `${FILES}/welcome.seq.ts`, '--contacts', `${FILES}/contacts.json`, '--start', '2026-03-06T14:00:00Z', '--days', '1', '--tz', NY);
    const row = short.stdout.split('\n').find((l) => l.trim().startsWith('welcome') && l.includes(' wait-3d '))!;
    expect(row.trim().split(/\s+/).slice(4)).toEqual(['3', '0', '0', '0', '3']);
  });

  it('summarises the outbox (nothing sent) and the records the run would create', () => {
    expect(out.stdout).toContain('Outbox (nothing was sent): 4 email\n');
    expect(out.stdout).toMatch(/ {2}2026-03-06 09:00 EST\s+email\s+c1\s+ada@example\.com: Welcome Ada\n/);
    expect(out.stdout).toMatch(/ {2}2026-03-06 09:00 EST\s+email\s+c10\s+cy@example\.com: Welcome there\n/);
    expect(out.stdout).toContain('Records the run would create: none');
  });
});

describe('contacts with problems', () => {
  it('reports an unknown contact zone once (stderr and the report) and still runs that contact in the account zone', () => {
    const contacts = join(tmp, 'zones.json');
    writeFileSync(contacts, JSON.stringify([{ id: 'c1', timezone: 'Mars/Olympus' }, { id: 'c2', timezone: 'Europe/Paris' }]));
    const json = nudge('simulate', `${FILES}/zones.seq.ts`, '--contacts', contacts, '--start', '2026-03-02T12:00:00Z', '--days', '3', '--tz', NY, '--json');
    expect(json.code).toBe(0);
    expect(json.stdout.split('\n').filter((l) => l.includes('"wait"'))).toEqual([
      '{"time":"2026-03-03T08:00:00.000Z","contact":"c2","sequence":"zones","path":0,"step":"wait","kind":"delay","status":"done"}',
      '{"time":"2026-03-03T14:00:00.000Z","contact":"c1","sequence":"zones","path":0,"step":"wait","kind":"delay","status":"done"}',
    ]);
    // One warning about the bad zone, though two timers read it and both the contacts-file
    // check and the engine notice it: the file check names the record and the fix.
    const warnings = json.stderr.trim().split('\n').filter((l) => l.includes('Mars/Olympus'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: .*zones\.json record 0 \(c1\): timezone "Mars\/Olympus" is not a known IANA time zone/);
    expect(json.stderr).not.toContain('c2');
    const human = nudge('simulate', `${FILES}/zones.seq.ts`, '--contacts', contacts, '--start', '2026-03-02T12:00:00Z', '--days', '3', '--tz', NY);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Contacts with problems \(1\):\n {2}c1: .*Mars\/Olympus/);
    // c1's timeline is shown in the account zone, the zone its timers used.
    expect(human.stdout).toContain('c1 (America/New_York)');
    expect(human.stdout).toMatch(/ {2}2026-03-03 09:00 EST\s+zones\s+path 0\s+wait/);
  });
});

describe('nudge simulate --scenario', () => {
  it('follows the timed events: a form with fields, a new tag (not one already there), a purchase', () => {
    const { lines } = simulateJson('goals.seq.ts', '--scenario', `${FILES}/scenario.json`);
    // Each goal's line comes before the steps it started at that instant.
    expect(lines.map(brief)).toEqual([
      '2026-03-02T10:00:00.000Z c1 newsletter goal entered (form "newsletter" submitted)',
      '2026-03-02T10:00:00.000Z c1 newsletter/0 email-hi email done',
      '2026-03-02T11:00:00.000Z c1 onboarding goal entered (tag "Customer" applied)',
      '2026-03-02T11:00:00.000Z c1 onboarding/0 tag-onboarded applyTag done',
      '2026-03-02T12:00:00.000Z c1 thanks goal entered (purchased "starter-kit")',
      '2026-03-02T12:00:00.000Z c1 thanks/0 note-bought note done',
      '2026-03-03T11:00:00.000Z c1 onboarding/0 wait-1d delay done',
      '2026-03-03T11:00:00.000Z c1 onboarding/0 note-day1 note done',
    ]);
  });

  it('merges the submitted form fields into the email and lets the flags override the scenario horizon', () => {
    const human = nudge('simulate', `${FILES}/goals.seq.ts`, '--scenario', `${FILES}/scenario.json`, '--days', '0.5');
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toContain('2026-03-02 09:00 UTC → 2026-03-02 21:00 UTC');
    expect(human.stdout).toMatch(/email\s+c1\s+ada@example\.com: Hi Ada\n/);
    const timeline = human.stdout.slice(0, human.stdout.indexOf('Per-step counts'));
    expect(timeline).toContain('note-bought');
    expect(timeline).not.toContain('wait-1d');
    expect(human.stdout).toMatch(/Records the run would create: 1 × note\n/);
  });

  function scenarioError(content: string): CliRun {
    const file = join(tmp, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, content);
    const r = nudge('simulate', `${FILES}/goals.seq.ts`, '--scenario', file);
    return { ...r, stderr: r.stderr.replace(file, '<file>') };
  }

  it.each([
    ['no events array', '{"events": {}}', 'The scenario needs an "events" array.'],
    ['an unknown key', '{"events": [{"at": "2026-03-02T10:00:00Z", "contact": "c1", "tagApplid": "X"}]}', 'events[0] has unknown key "tagApplid"'],
    ['a bad instant', '{"events": [{"at": "tomorrow", "contact": "c1", "tagApplied": "X"}]}', 'events[0].at: "tomorrow" is not an ISO instant'],
    ['an event where nothing happens', '{"events": [{"at": "2026-03-02T10:00:00Z", "contact": "c1"}]}', 'events[0] says nothing happens'],
    ['a missing contact', '{"events": [{"at": "2026-03-02T10:00:00Z", "tagApplied": "X"}]}', 'events[0].contact must be a non-empty string'],
    ['broken JSON', '{"events": [', 'JSON'],
  ])('rejects a scenario with %s: a clear message naming the file, exit code 2, no stack trace', (_, content, message) => {
    const r = scenarioError(content);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith('error NUDGE_ERR_SCENARIO_FILE: Scenario file <file>: ')).toBe(true);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
