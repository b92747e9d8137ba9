/**
 * A letter as a PDF (pdfkit): the recipient's address block where a window
 * envelope shows it, the date, the subject in bold, then the body as plain
 * text. The date is the instant the step ran, and the document's metadata
 * dates too, so rendering a letter again gives the same letter.
 */
import PDFDocument from 'pdfkit';
import { plainText } from './html-text';
import type { LetterEffect } from './transport';

export interface LetterPdfOptions {
  /** Return address lines printed top right (the account's). */
  sender?: string[];
  /** Zone for the letter's date (default UTC). */
  timeZone?: string;
  /** Locale for the date (default en-US). */
  locale?: string;
  /** Compress page content (default true; tests turn it off to read the text). */
  compress?: boolean;
}

export function letterDate(at: number, options: LetterPdfOptions = {}): string {
  return new Intl.DateTimeFormat(options.locale ?? 'en-US', { dateStyle: 'long', timeZone: options.timeZone ?? 'UTC' }).format(new Date(at));
}

export function renderLetterPdf(effect: LetterEffect, options: LetterPdfOptions = {}): Promise<Buffer> {
  const created = new Date(effect.at);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 72,
    compress: options.compress ?? true,
    info: { Title: effect.subject || 'Letter', Creator: 'Nudge', CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 144;
  if (options.sender?.length) doc.font('Helvetica').fontSize(10).text(options.sender.join('\n'), 72, 72, { width, align: 'right' });
  // About where a DL window envelope shows the address.
  doc.font('Helvetica').fontSize(11).text((effect.address ?? effect.to).join('\n'), 72, 150, { width: 250 });
  doc.moveDown(3).text(letterDate(effect.at, options), { width, align: 'right' });
  if (effect.subject) doc.moveDown(2).font('Helvetica-Bold').text(effect.subject, 72, undefined, { width });
  doc.moveDown(1.5).font('Helvetica').text(plainText(effect), 72, undefined, { width, lineGap: 2 });
  doc.end();
  return done;
}
