import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTransports } from '../../runtime/delivery/create-transports';
import { DeliveryWorker } from '../../runtime/delivery/delivery-worker';
import { FaxTransport, type FaxDocument } from '../../runtime/delivery/fax-transport';
import { renderLetterPdf } from '../../runtime/delivery/letter-pdf';
import { PdfLetterTransport } from '../../runtime/delivery/letter-transport';
import { FakeClock, faxEffect, letterEffect, openStore, pending, tempDir } from './helpers';

/** Checks the PDF's frame: header, trailer, and a startxref that points at the cross-reference table. */
function expectValidPdf(pdf: Buffer): void {
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
  expect(text).toMatch(/\/Type \/Page\b/);
}

/** The text lines pdfkit wrote (uncompressed): each TJ's hex strings, decoded as WinAnsi. */
function pdfLines(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)].map((m) =>
    [...m[1].matchAll(/<([0-9a-f]*)>/gi)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''),
  );
}

describe('letters as PDF', () => {
  it('renders the address block, date, subject and the body as text (HTML tags stripped)', async () => {
    const pdf = await renderLetterPdf(letterEffect(), { compress: false, sender: ['Acme Inc.', '1 Main St'] });
    expectValidPdf(pdf);
    const lines = pdfLines(pdf);
    for (const line of ['Ann Smith', '3 Oak Lane', 'Springfield IL 62701', 'USA', 'December 4, 2026', 'Your welcome pack', 'Dear Ann,', 'Thank you for joining.', 'Acme Inc.']) {
      expect(lines).toContain(line);
    }
    expect(lines.join('\n')).not.toContain('<p>');
  });

  it('the worker writes <dir>/letters/<key>.pdf, a valid (compressed) PDF; resending overwrites it', async () => {
    const dir = tempDir();
    const { store } = await openStore();
    const transports = createTransports({ outboxDir: dir, defaultFrom: 'a@b.test' });
    await store.commit({ outbox: [pending(letterEffect())] });
    expect(await new DeliveryWorker({ store, clock: new FakeClock(), transports }).runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(readdirSync(join(dir, 'letters'))).toEqual(['welcome+v1+c1+letter-1+1.1.pdf']);
    const file = join(dir, 'letters', 'welcome+v1+c1+letter-1+1.1.pdf');
    const first = readFileSync(file);
    expectValidPdf(first);
    await transports.letter.send(letterEffect());
    expect(readdirSync(join(dir, 'letters'))).toEqual(['welcome+v1+c1+letter-1+1.1.pdf']);
  });

  it('a letter without an address block fails for good with the reason', async () => {
    await expect(new PdfLetterTransport(tempDir()).send(letterEffect({ address: [] }))).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining('has no address block'),
    });
  });
});

describe('fax', () => {
  it('the default provider writes <dir>/fax/<key>.txt with the number and plain text', async () => {
    const dir = tempDir();
    const { store } = await openStore();
    await store.commit({ outbox: [pending(faxEffect())] });
    await new DeliveryWorker({ store, clock: new FakeClock(), transports: createTransports({ outboxDir: dir, defaultFrom: 'a@b.test' }) }).runOnce();
    const text = readFileSync(join(dir, 'fax', 'welcome+v1+c1+fax-1+1.1.txt'), 'utf8');
    expect(text).toBe('To: +1 555 0100\nSubject: Order form\nDate: 2026-12-04T15:00:00.000Z\nIdempotency-Key: welcome:v1:c1:fax-1:1.1\n\nPlease sign and return.\n');
  });

  it('goes through any provider given, with the idempotency key', async () => {
    const sent: FaxDocument[] = [];
    await new FaxTransport({ sendFax: async (fax) => void sent.push(fax) }).send(faxEffect());
    expect(sent).toEqual([{ idempotencyKey: 'welcome:v1:c1:fax-1:1.1', number: '+1 555 0100', subject: 'Order form', text: 'Please sign and return.', at: faxEffect().at }]);
  });
});
