/**
 * Input smuggled past the types (`as any`, plain JavaScript, computed
 * values) fails loudly with a DslError that says what is wrong and how to
 * write it instead.
 */
import { describe, expect, it } from 'vitest';
import { defineContact, DslError, start } from 'nudge';

/** The DslError a call throws. */
function dslError(fn: () => unknown): DslError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DslError);
    expect((err as Error).name).toBe('DslError');
    return err as DslError;
  }
  throw new Error('expected a DslError, nothing was thrown');
}

describe('timers', () => {
  it("rejects a duration that is not '<n>m|h|d|w'", () => {
    expect(dslError(() => start().delay('2 days' as any)).message)
      .toBe(`Invalid duration "2 days": write a whole number followed by m, h, d or w, e.g. '90m', '2d', '1w'.`);
    for (const bad of ['2x', '1.5d', '-1d', 'd', '', '2D', ' 2d', '2mo']) {
      expect(dslError(() => start().delay(bad as any)).message, bad).toMatch(/^Invalid duration .*e\.g\. '90m', '2d', '1w'\.$/);
    }
  });

  it("rejects a time of day that is not 24-hour 'HH:MM'", () => {
    expect(dslError(() => start().delay('1d', { at: '9:00' as any })).message)
      .toBe(`Invalid 'at' time "9:00": write a 24-hour local time 'HH:MM', e.g. '09:00' or '17:30'.`);
    expect(dslError(() => start().delay('1d', { between: ['09:00', '25:00' as any] })).message).toMatch(/^Invalid 'between' end "25:00": write a 24-hour/);
    expect(dslError(() => start().waitUntil('2026-12-24', { at: '9am' as any })).message).toMatch(/^Invalid 'at' time "9am"/);
    expect(dslError(() => start().fieldTimer('birthday', { at: '24:00' as any })).message).toMatch(/^Invalid 'at' time "24:00"/);
    expect(dslError(() => start().createAppointment({ title: 'A', at: '14h' as any })).message).toMatch(/^Invalid appointment 'at' time "14h"/);
  });

  it("rejects a 'between' that is not two times", () => {
    expect(dslError(() => start().delay('0m', { between: ['09:00'] as any })).message)
      .toBe(`'between' takes two times, e.g. between: ['09:00', '17:00'].`);
  });

  it('rejects an unknown weekday and lists the valid ones', () => {
    expect(dslError(() => start().delay('1d', { on: ['monday'] as any })).message)
      .toBe(`Unknown weekday "monday" in 'on': use mon, tue, wed, thu, fri, sat, sun, 'weekdays' or 'any'.`);
    expect(dslError(() => start().waitUntil('2026-12-24', { on: 'weekends' as any })).message).toMatch(/^Unknown weekday "weekends"/);
  });

  it("rejects 'at' together with 'between'", () => {
    expect(dslError(() => start().delay('1d', { at: '09:00', between: ['09:00', '17:00'] } as any)).message)
      .toBe(`A timer takes 'at' or 'between', not both: remove one of at: '09:00' and between: [...].`);
    expect(dslError(() => start().waitUntil('2026-12-24', { at: '09:00', between: ['10:00', '11:00'] } as any)).message).toMatch(/not both/);
  });

  it('rejects dates that are not real calendar dates', () => {
    expect(dslError(() => start().waitUntil('24/12/2026' as any)).message)
      .toBe(`Invalid date "24/12/2026": write a calendar date 'YYYY-MM-DD', e.g. '2026-12-24'.`);
    expect(dslError(() => start().waitUntil('2026-02-30')).message).toMatch(/^Invalid date "2026-02-30"/);
    expect(dslError(() => start().waitUntil('2026-12-20', { until: '2026-13-01' })).message).toMatch(/^Invalid 'until' date "2026-13-01"/);
  });

  it('rejects a malformed field-timer offset or occurrence', () => {
    expect(dslError(() => start().fieldTimer('birthday', { offset: '3 days before' as any })).message)
      .toBe(`Invalid offset "3 days before": write an optional '-' (before the date), a whole number and h, d, w or mo, e.g. '-1h', '-3d', '2w', '1mo'.`);
    expect(dslError(() => start().fieldTimer('birthday', { offset: '-1m' as any })).message).toMatch(/^Invalid offset "-1m"/);
    expect(dslError(() => start().fieldTimer('birthday', { occurrence: 'yearly' as any })).message)
      .toBe(`'occurrence' is 'next' (next anniversary) or 'exact' (use the year from the field), not "yearly".`);
    expect(dslError(() => start().fieldTimer('' as any)).message).toMatch(/^fieldTimer field must be a non-empty string/);
  });
});

describe('process objects', () => {
  it('rejects an order without items, and an unknown payment mode', () => {
    expect(dslError(() => start().createOrder({ items: [], payment: 'autocharge' })).message)
      .toBe(`An order needs at least one item, e.g. items: [{ product: 'starter-kit', quantity: 1 }].`);
    expect(dslError(() => start().createOrder({ payment: 'autocharge' } as any)).message).toMatch(/^An order needs at least one item/);
    expect(dslError(() => start().createOrder({ items: [{ product: 'kit' }], payment: 'cash' as any })).message)
      .toBe(`Order 'payment' is one of autocharge, payableInvoice, invoiceNoPayment, not "cash".`);
  });

  it('rejects malformed durations of tasks and appointments, naming the option', () => {
    expect(dslError(() => start().createTask({ title: 'T', due: 'tomorrow' as any })).message).toMatch(/^Invalid task 'due' "tomorrow": write a whole number/);
    expect(dslError(() => start().createAppointment({ title: 'A', in: '2 days' as any })).message).toMatch(/^Invalid appointment 'in' "2 days"/);
    expect(dslError(() => start().createAppointment({ title: 'A', length: 'an hour' as any })).message).toMatch(/^Invalid appointment 'length' "an hour"/);
  });

  it('rejects empty tags, lists, fields and owners', () => {
    expect(dslError(() => start().applyTag('')).message).toBe('applyTag tag must be a non-empty string, got "".');
    expect(dslError(() => start().removeTag(undefined as any)).message).toBe('removeTag tag must be a non-empty string, got undefined.');
    expect(dslError(() => start().addToFulfillmentList(' ')).message).toMatch(/^addToFulfillmentList list must be a non-empty string/);
    expect(dslError(() => start().setField('' as any, 'x')).message).toMatch(/^setField field must be a non-empty string/);
    expect(dslError(() => start().applyNote({ subject: '' })).message).toMatch(/^applyNote subject must be a non-empty string/);
    expect(dslError(() => start().assignOwner('')).message).toMatch(/^assignOwner user must be a non-empty string/);
    expect(dslError(() => start().assignOwner({ roundRobin: [] })).message)
      .toBe(`assignOwner takes a user id or { roundRobin: ['u-ann', 'u-bob'] } with at least one user.`);
  });

  it('rejects tasks, appointments and opportunities without a title (or stage)', () => {
    expect(dslError(() => start().createTask({ title: '' })).message).toBe('createTask title must be a non-empty string, got "".');
    expect(dslError(() => start().createTask({} as any)).message).toBe('createTask title must be a non-empty string, got undefined.');
    expect(dslError(() => start().createAppointment({ title: '  ' })).message).toBe('createAppointment title must be a non-empty string, got "  ".');
    expect(dslError(() => start().createOpportunity({ title: '', stage: 'New' })).message).toBe('createOpportunity title must be a non-empty string, got "".');
    expect(dslError(() => start().createOpportunity({ title: 'Upsell', stage: '' })).message).toBe('createOpportunity stage must be a non-empty string, got "".');
    expect(dslError(() => start().createOpportunity({ title: 'Upsell' } as any)).message).toBe('createOpportunity stage must be a non-empty string, got undefined.');
  });

  it('rejects an HTTP post without a url, with a field that is not text, or in another format', () => {
    expect(dslError(() => start().httpPost({ url: '', fields: {} })).message).toBe('httpPost url must be a non-empty string, got "".');
    expect(dslError(() => start().httpPost({ fields: {} } as any)).message).toBe('httpPost url must be a non-empty string, got undefined.');
    expect(dslError(() => start().httpPost({ url: 'https://x.test', fields: { score: 10 as any } })).message)
      .toBe(`httpPost field 'score' must be a string (merge fields allowed), got 10.`);
    expect(dslError(() => start().httpPost({ url: 'https://x.test', fields: { a: null as any } })).message)
      .toBe(`httpPost field 'a' must be a string (merge fields allowed), got null.`);
    expect(dslError(() => start().httpPost({ url: 'https://x.test', fields: {}, format: 'xml' as any })).message)
      .toBe(`httpPost 'format' is 'form' or 'json', not "xml".`);
  });

  it('rejects an empty explicit id', () => {
    expect(dslError(() => start().applyTag('A', { id: '' })).message)
      .toBe(`A step 'id' starts with a letter or digit and uses only letters, digits, '-', '_' and '.', got "".`);
    expect(dslError(() => start().email({ id: 42 as any, subject: 'S', body: 'B' })).message)
      .toMatch(/^A step 'id' starts with a letter or digit and uses only letters, digits, '-', '_' and '\.', got 42\./);
  });

  it('rejects an explicit id that is not a plain identifier', () => {
    for (const id of ['Étape 1 !', 'a b', '-->', '-lead', '_x', '.x', 'a/b', 'end\n']) {
      expect(dslError(() => start().applyTag('A', { id })).message, id)
        .toBe(`A step 'id' starts with a letter or digit and uses only letters, digits, '-', '_' and '.', got ${JSON.stringify(id)}.`);
    }
    for (const id of ['welcome', 'Email_1', '2nd-reminder', 'v1.2', 'a-b_c.d']) {
      expect(start().applyTag('A', { id })._def.steps[0].id, id).toBe(id);
    }
  });
});

describe('defineContact', () => {
  it('accepts letters, digits and _ with the five field types', () => {
    const contact = defineContact({ leadScore: 'number', vip: 'boolean', renewal_date: 'date', lastSeen2: 'datetime', plan: 'string' });
    expect(contact.fields).toEqual({ leadScore: 'number', vip: 'boolean', renewal_date: 'date', lastSeen2: 'datetime', plan: 'string' });
  });

  it('rejects bad field names', () => {
    for (const name of ['lead score', '2fa', '_hidden', 'lead-score', '']) {
      expect(dslError(() => defineContact({ [name]: 'string' })).message, name)
        .toBe(`Custom field name ${JSON.stringify(name)} must start with a letter and use only letters, digits and '_'.`);
    }
  });

  it('rejects unknown field types and lists the valid ones', () => {
    expect(dslError(() => defineContact({ score: 'integer' as any })).message)
      .toBe(`Custom field 'score' has unknown type "integer": use string, number, boolean, date, datetime.`);
  });

  it('rejects redeclaring a standard field', () => {
    expect(dslError(() => defineContact({ birthday: 'date' })).message).toBe(`'birthday' is a standard contact field; custom fields need another name.`);
    expect(dslError(() => defineContact({ email: 'string' })).message).toMatch(/^'email' is a standard contact field/);
  });
});
