/**
 * Faxes go through a provider (an online fax service's API, a modem
 * gateway): the runtime only needs "send this text to this number". The
 * default provider writes `<dir>/fax/<key>.txt`, which keeps the edge of the
 * world mocked on an author's machine and doubles as a pickup folder.
 */
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { plainText } from './html-text';
import { keyToName } from './key-names';
import type { FaxEffect, Transport } from './transport';

export interface FaxDocument {
  /** Passed to the provider so it can refuse a second fax with the same key. */
  idempotencyKey: string;
  number: string;
  subject: string;
  /** Plain text: fax pages have no markup. */
  text: string;
  /** When the step ran. */
  at: number;
}

export interface FaxProvider {
  sendFax(fax: FaxDocument): Promise<void>;
}

export class FileFaxProvider implements FaxProvider {
  constructor(readonly dir: string) {}

  fileFor(key: string): string {
    return join(this.dir, 'fax', `${keyToName(key)}.txt`);
  }

  async sendFax(fax: FaxDocument): Promise<void> {
    const lines = [`To: ${fax.number}`, `Subject: ${fax.subject}`, `Date: ${new Date(fax.at).toISOString()}`, `Idempotency-Key: ${fax.idempotencyKey}`, '', fax.text, ''];
    await writeFileAtomic(this.fileFor(fax.idempotencyKey), lines.join('\n'));
  }
}

/** The fax effect's `to` (or `address`) holds the number; the engine fills `to`. */
export class FaxTransport implements Transport<FaxEffect> {
  constructor(private readonly provider: FaxProvider) {}

  async send(effect: FaxEffect): Promise<void> {
    const number = effect.to[0] ?? effect.address?.[0] ?? '';
    await this.provider.sendFax({ idempotencyKey: effect.idempotencyKey, number, subject: effect.subject, text: plainText(effect), at: effect.at });
  }
}
