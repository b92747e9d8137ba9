import { describe, expect, it } from 'vitest';
import { FULFILLMENT_CSV_COLUMNS, csvField, fulfillmentCsv } from '../../runtime/store/fulfillment-csv';
import { MemoryStore } from '../../runtime/store/memory-store';
import { T0, MIN, fulfillment } from './fixtures';
import { parseCsv } from '../helpers/read-csv';

describe('fulfillmentCsv', () => {
  it('exports one row per entry of the list, with commas, quotes and line breaks read back intact', async () => {
    const store = new MemoryStore();
    await store.commit({
      contacts: [
        {
          id: 'c1',
          firstName: 'Liam',
          lastName: "O'Brien, \"Jr\"",
          email: 'liam@example.ie',
          address: { street: 'Flat 2\n14 Grafton St', city: 'Dublin', postalCode: 'D02 VF65', country: 'IE' },
        },
        { id: 'c2', firstName: 'Ann', address: { city: 'Cork\r\nCity' } },
        { id: 'c3', firstName: 'Not on the list' },
      ],
      records: [fulfillment('beans', 'c1', T0), fulfillment('mugs', 'c3', T0), fulfillment('beans', 'c2', T0 + MIN), fulfillment('beans', 'gone', T0 + 2 * MIN)],
    });
    const rows = parseCsv(await fulfillmentCsv(store, 'beans'));
    expect(rows).toEqual([
      [...FULFILLMENT_CSV_COLUMNS],
      ['c1', 'Liam', "O'Brien, \"Jr\"", 'liam@example.ie', 'Flat 2\n14 Grafton St', 'Dublin', '', 'D02 VF65', 'IE', '2026-03-06T14:00:00.000Z'],
      ['c2', 'Ann', '', '', '', 'Cork\r\nCity', '', '', '', '2026-03-06T14:01:00.000Z'],
      ['gone', '', '', '', '', '', '', '', '', '2026-03-06T14:02:00.000Z'],
    ]);
  });

  it('quotes only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
  });

  it('gives just the header for an empty or unknown list', async () => {
    expect(await fulfillmentCsv(new MemoryStore(), 'nothing')).toBe(FULFILLMENT_CSV_COLUMNS.join(',') + '\r\n');
  });
});

describe('fulfillment CSV cells that a spreadsheet would run as formulas (OWASP CSV injection)', () => {
  const FORMULAS = ['=HYPERLINK("https://evil.test","Click")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+2', '\r=1+2'];

  it('are prefixed with a single quote and quoted, and read back as that text', async () => {
    const store = new MemoryStore();
    await store.commit({
      contacts: FORMULAS.map((f, i) => ({ id: `c${i}`, firstName: f, lastName: 'Ok', address: { city: f } })),
      records: FORMULAS.map((_, i) => fulfillment('beans', `c${i}`, T0 + i * MIN)),
    });
    const rows = parseCsv(await fulfillmentCsv(store, 'beans')).slice(1);
    expect(rows.map((r) => [r[1], r[2], r[5]])).toEqual(FORMULAS.map((f) => [`'${f}`, 'Ok', `'${f}`]));
    expect(csvField('=1+2')).toBe('"\'=1+2"');
    expect(csvField('say "=x"')).toBe('"say ""=x"""');
  });
});
