import { describe, expect, it } from 'vitest';
import { LINE_PER_RECORD_MAX, stringifyStore } from '../../runtime/store/store-json';

describe('stringifyStore', () => {
  it('writes small collections one record a line and reads back as JSON.stringify would', () => {
    const data = {
      schemaVersion: 1,
      contacts: [{ id: 'c1', note: 'line\nbreak "quoted"' }, { id: 'c2', gone: undefined }],
      wakeups: [],
      fulfillmentLists: { beans: [{ list: 'beans', contactId: 'c1' }], 'odd "name"': [] },
      meta: { clock: 5, nothing: undefined, nested: { a: [1, 2] } },
      skipped: undefined,
    };
    const text = stringifyStore(data);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
    expect(text.split('\n')).toContain('    {"id":"c1","note":"line\\nbreak \\"quoted\\""},');
    expect(text.split('\n')).toContain('      {"list":"beans","contactId":"c1"}');
  });

  it('writes a large collection on one compact line', () => {
    const contacts = Array.from({ length: LINE_PER_RECORD_MAX + 1 }, (_, i) => ({ id: `c${i}` }));
    const text = stringifyStore({ contacts });
    expect(text.split('\n')).toHaveLength(4); // {, "contacts": [...], }, and the final newline
    expect(JSON.parse(text)).toEqual({ contacts });
  });
});
