/**
 * The samples are the project's showcase and the other suites' test data:
 * together they must use every step kind, timer option and goal, and only
 * valid merge fields, user ids and step references. The sample contacts
 * must hold the awkward records the engine has to cope with.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Goal, SequenceIR, Step, StepOf } from '../../dsl/ir';
import { STEP_KINDS } from '../../dsl/ir';
import { findMergeTokens, mergeCatalog, mergeName } from '../../dsl/merge-fields';
import { loadAllSamples, SAMPLES_DIR } from './sample-files';

interface Loaded { file: string; exportName: string; ir: SequenceIR }
let loaded: Loaded[];
let steps: Array<Step & { seq: SequenceIR }>;

beforeAll(async () => {
  loaded = await loadAllSamples();
  steps = loaded.flatMap(({ ir }) => ir.paths.flatMap((p) => p.steps.map((s) => ({ ...s, seq: ir }))));
}, 30_000);

const ofKind = <K extends Step['kind']>(kind: K) => steps.filter((s) => s.kind === kind) as unknown as Array<StepOf<K>>;
const goals = (): Goal[] => loaded.flatMap(({ ir }) => [...ir.startOn, ...ir.stopOn]);
const users: Array<{ id: string; firstName: string; lastName: string; email: string; phone: string }> =
  JSON.parse(readFileSync(join(SAMPLES_DIR, 'users.json'), 'utf8'));
const contacts: Array<Record<string, any>> = JSON.parse(readFileSync(join(SAMPLES_DIR, 'contacts.json'), 'utf8'));

describe('samples cover the DSL', () => {
  it('use every step kind', () => {
    expect(new Set(steps.map((s) => s.kind))).toEqual(new Set(STEP_KINDS));
  });

  it('use every goal kind, with and without a product', () => {
    expect(new Set(goals().map((g) => g.kind))).toEqual(
      new Set(['tagApplied', 'formSubmitted', 'purchased', 'purchaseFailed', 'linkClicked', 'apiGoal', 'event']),
    );
    expect(goals()).toContainEqual({ kind: 'purchased' });
    expect(goals()).toContainEqual(expect.objectContaining({ kind: 'purchased', product: expect.any(String) }));
  });

  it('use every delay option', () => {
    const delays = ofKind('delay').map((s) => s.params);
    expect(new Set(delays.map((p) => p.duration.unit))).toEqual(new Set(['m', 'h', 'd', 'w']));
    expect(delays.some((p) => p.on === 'any')).toBe(true);
    expect(delays.some((p) => p.on === 'weekdays')).toBe(true);
    expect(delays.some((p) => Array.isArray(p.on))).toBe(true);
    expect(delays.some((p) => p.at)).toBe(true);
    expect(delays.some((p) => p.between)).toBe(true);
    const zones = delays.map((p) => p.tz ?? 'default');
    for (const z of ['default', 'contact', 'account']) expect(zones).toContain(z);
    expect(zones.some((z) => z.includes('/'))).toBe(true); // an IANA name
    expect(delays).toContainEqual({ duration: { amount: 0, unit: 'm' }, on: 'weekdays', between: ['09:00', '17:00'] });
  });

  it('use every date-timer option, with dates still ahead of 2026-11-26', () => {
    const dates = ofKind('date').map((s) => s.params);
    for (const key of ['until', 'on', 'at', 'between', 'tz'] as const) expect(dates.some((p) => p[key] !== undefined), key).toBe(true);
    expect(dates.every((p) => p.date > '2026-11-26')).toBe(true);
  });

  it('use every field-timer option, on standard and custom date and date-time fields', () => {
    const fields = ofKind('field').map((s) => s.params);
    for (const unit of ['d', 'w', 'mo']) {
      expect(fields.some((p) => p.offset?.unit === unit && p.offset.amount < 0), `-${unit}`).toBe(true);
      expect(fields.some((p) => p.offset?.unit === unit && p.offset.amount > 0), `+${unit}`).toBe(true);
    }
    expect(new Set(fields.map((p) => p.occurrence))).toEqual(new Set(['next', 'exact']));
    expect(fields.some((p) => p.at) && fields.some((p) => p.tz) && fields.some((p) => p.repeat === 'yearly')).toBe(true);
    for (const f of ['birthday', 'anniversary', 'renewalDate', 'trialEndsAt']) expect(fields.map((p) => p.field)).toContain(f);
    const custom = Object.assign({}, ...loaded.map(({ ir }) => ir.customFields));
    expect(custom).toMatchObject({ renewalDate: 'date', trialEndsAt: 'datetime', loyaltyPoints: 'number' });
    expect(ofKind('setField').some((s) => s.params.field === 'loyaltyPoints' && typeof s.params.value === 'number')).toBe(true);
  });

  it('use every variant of emails, owners, orders and posts', () => {
    const to = ofKind('email').map((s) => s.params.to);
    expect(to).toContain('contact');
    expect(to).toContain('owner');
    expect(to.some((t) => Array.isArray(t))).toBe(true);
    const owners = ofKind('assignOwner').map((s) => s.params);
    expect(owners.some((p) => 'user' in p) && owners.some((p) => 'roundRobin' in p)).toBe(true);
    expect(new Set(ofKind('order').map((s) => s.params.payment))).toEqual(new Set(['autocharge', 'payableInvoice', 'invoiceNoPayment']));
    expect(new Set(ofKind('httpPost').map((s) => s.params.format))).toEqual(new Set(['form', 'json']));
  });

  it('use the sequence options: runsUntilComplete, reentry never, notes, parallel paths, explicit ids, named exports', () => {
    const irs = loaded.map((l) => l.ir);
    expect(irs.some((ir) => ir.runsUntilComplete)).toBe(true);
    expect(irs.some((ir) => ir.reentry === 'never')).toBe(true);
    expect(irs.every((ir) => ir.notes.length > 0)).toBe(true);
    expect(irs.every((ir) => ir.paths.length >= 1) && irs.some((ir) => ir.paths.length >= 3)).toBe(true);
    expect(steps.some((s) => s.explicitId) && steps.some((s) => !s.explicitId)).toBe(true);
    expect(loaded.some((l) => l.exportName !== 'default')).toBe(true);
    expect(new Set(irs.map((ir) => ir.id)).size).toBe(irs.length);
  });
});

describe('samples are internally consistent', () => {
  it('use only merge fields from the catalogue', () => {
    const bad: string[] = [];
    const visit = (value: unknown, ir: SequenceIR, where: string) => {
      if (typeof value === 'string') {
        const catalog = mergeCatalog(ir.customFields);
        for (const t of findMergeTokens(value)) if (!catalog.has(mergeName(t))) bad.push(`${where}: ${t.raw}`);
        // A '~' left over after removing the tokens is a malformed (e.g. nested) merge field.
        if (value.replace(/~[A-Za-z]+\.[A-Za-z0-9_]+(\|[^~]*)?~|~Unsubscribe~/g, '').includes('~')) bad.push(`${where}: stray ~ in ${value}`);
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) visit(v, ir, `${where}.${k}`);
      }
    };
    for (const { ir } of loaded) for (const p of ir.paths) for (const s of p.steps) visit(s.params, ir, `${ir.id}/${s.id}`);
    expect(bad).toEqual([]);
    expect(steps.some((s) => JSON.stringify(s.params).includes('~Contact._RenewalDate~'))).toBe(true);
  });

  it('refer only to users of users.json', () => {
    const ids = new Set(users.map((u) => u.id));
    const refs = [
      ...ofKind('task').map((s) => s.params.assignTo),
      ...ofKind('appointment').map((s) => s.params.assignTo),
      ...ofKind('opportunity').map((s) => s.params.assignTo),
      ...ofKind('assignOwner').flatMap((s) => ('user' in s.params ? [s.params.user] : s.params.roundRobin)),
    ].filter((r) => r !== 'owner');
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(ids.has(r), r).toBe(true);
    for (const c of contacts) if (c.ownerId !== undefined) expect(ids.has(c.ownerId), `${c.id}.ownerId`).toBe(true);
  });

  it('link goals name email steps of their own sequence', () => {
    for (const { ir } of loaded) {
      for (const g of [...ir.startOn, ...ir.stopOn]) {
        if (g.kind !== 'linkClicked' || g.stepId === undefined) continue;
        const step = ir.paths.flatMap((p) => p.steps).find((s) => s.id === g.stepId);
        expect(step?.kind, `${ir.id}: ${g.stepId}`).toBe('email');
        if (g.url) expect(JSON.stringify(step?.params)).toContain(g.url);
      }
    }
  });
});

describe('sample contacts and users', () => {
  const validZone = (tz: string) => {
    try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; }
  };
  const validDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`))
    && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

  it('has 3-4 complete staff users', () => {
    expect(users.length).toBeGreaterThanOrEqual(3);
    expect(users.length).toBeLessThanOrEqual(4);
    for (const u of users) expect(Object.keys(u).sort()).toEqual(['email', 'firstName', 'id', 'lastName', 'phone']);
  });

  it('has 20+ contacts with unique ids and only known fields', () => {
    expect(contacts.length).toBeGreaterThanOrEqual(20);
    expect(new Set(contacts.map((c) => c.id)).size).toBe(contacts.length);
    const known = new Set(['id', 'email', 'firstName', 'lastName', 'phone', 'fax', 'timezone', 'birthday', 'anniversary',
      'address', 'ownerId', 'tags', 'company', 'renewalDate', 'trialEndsAt', 'loyaltyPoints', 'autoRenew', 'planName']);
    for (const c of contacts) for (const k of Object.keys(c)) expect(known.has(k), `${c.id}.${k}`).toBe(true);
    for (const c of contacts) if (c.address) {
      for (const k of Object.keys(c.address)) expect(['street', 'city', 'state', 'postalCode', 'country']).toContain(k);
    }
  });

  it('covers the cases the engine must handle', () => {
    const zones = contacts.map((c) => c.timezone).filter(Boolean);
    for (const z of ['Australia/Sydney', 'America/New_York', 'Europe/London', 'Asia/Kolkata']) expect(zones).toContain(z);
    expect(contacts.filter((c) => !c.email).length).toBeGreaterThanOrEqual(2);
    expect(contacts.filter((c) => !c.address).length).toBeGreaterThanOrEqual(2);
    expect(contacts.filter((c) => c.fax).length).toBeLessThan(contacts.length / 2);
    expect(contacts.filter((c) => c.fax).length).toBeGreaterThan(0);
    expect(contacts.filter((c) => !c.timezone).length).toBeGreaterThan(0);
    expect(contacts.some((c) => typeof c.birthday === 'string' && c.birthday.endsWith('-02-29'))).toBe(true);
    // Exactly one bad zone and one bad birthday: the engine must report them, not crash.
    expect(contacts.filter((c) => c.timezone && !validZone(c.timezone)).map((c) => c.id)).toHaveLength(1);
    expect(contacts.filter((c) => c.birthday && !validDate(c.birthday)).map((c) => c.id)).toHaveLength(1);
  });
});
