/**
 * Letters are rendered to `<dir>/letters/<key>.pdf`, ready for printing or
 * for a print-and-mail service to pick up. The key names the file, so a
 * resend overwrites the same letter instead of printing it twice.
 */
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { permanentFailure } from './delivery-error';
import { keyToName } from './key-names';
import { renderLetterPdf, type LetterPdfOptions } from './letter-pdf';
import type { LetterEffect, Transport } from './transport';

export class PdfLetterTransport implements Transport<LetterEffect> {
  constructor(readonly dir: string, private readonly options: LetterPdfOptions = {}) {}

  fileFor(key: string): string {
    return join(this.dir, 'letters', `${keyToName(key)}.pdf`);
  }

  async send(effect: LetterEffect): Promise<void> {
    if (!effect.address?.length) {
      throw permanentFailure(`Letter for contact ${effect.contactId} (step ${effect.stepId}) has no address block: give the contact a postal address and add them again.`);
    }
    await writeFileAtomic(this.fileFor(effect.idempotencyKey), await renderLetterPdf(effect, this.options));
  }
}
