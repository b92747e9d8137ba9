/**
 * The live host's consent commands: unsubscribe, delivery events (bounces,
 * complaints), confirmation, and the consent a contact's creation or new
 * address brings. Each runs as one unit of work in the host's serial
 * queue and commits the contact's status, its consent ledger line and any
 * suppression entry together, so the three never disagree.
 *
 * The status rules are the engine's (`engine/email-status.ts`); this file
 * only finds the contacts, writes the ledger and keeps the suppression
 * list (hashed addresses, `store/suppression-hash.ts`).
 */
import type { ConsentEntry, ConsentEvent, ConsentSource, SuppressionEntry } from '../../engine/consent';
import {
  emailStatusOf, isMarketable, isOptedOut, statusAfterConfirm, statusAfterEmailEvent, statusAfterUnsubscribe, suppresses,
  type EmailEventKind, type EmailStatus,
} from '../../engine/email-status';
import type { Contact } from '../../engine/model';
import type { InstantInput, InstantResult } from '../../engine/run-contact';
import type { ContactStore, StoreBatch } from '../../store/contact-store';
import { normaliseAddress, suppressionHash } from '../../store/suppression-hash';

export type { ConsentEntry, ConsentSource, EmailStatus, SuppressionEntry };

/** What a consent change adds to the unit of work's commit. */
export type ConsentBatch = Pick<StoreBatch, 'consent' | 'suppress' | 'unsuppress'>;

export interface ConsentDeskOptions {
  store: ContactStore;
  now: () => number;
  serial: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Runs the engine on the contact at `at` (inside the queue) and commits its result with `extra`. */
  run: (contactId: string, input: InstantInput, at: number, extra: ConsentBatch) => Promise<InstantResult>;
  /** Thrown for an unknown contact id. */
  unknownContact: (contactId: string) => Error;
}

export interface UnsubscribeInput { contactId: string; source: ConsentSource; sequenceId?: string; stepId?: string; at?: number }
export interface EmailEventInput { email: string; kind: EmailEventKind; source: ConsentSource; detail?: string; at?: number }

/** Statuses that belong to the address, not the person: a new address starts afresh. */
const ADDRESS_BOUND: ReadonlySet<EmailStatus> = new Set(['hard-bounce', 'soft-bounce', 'invalid']);
/** Page size when looking contacts up by address (the store has no email index). */
const PAGE = 5000;

const hasAddress = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export class ConsentDesk {
  constructor(private readonly o: ConsentDeskOptions) {}

  /** Idempotent: an address already opted out changes nothing and fires nothing. */
  unsubscribe(input: UnsubscribeInput): Promise<{ changed: boolean }> {
    return this.o.serial(async () => {
      const contact = await this.mustGet(input.contactId);
      const status = statusAfterUnsubscribe(emailStatusOf(contact), input.source.kind === 'one-click');
      if (status === undefined) return { changed: false };
      const at = input.at ?? this.o.now();
      const entry = this.entry(contact, at, 'unsubscribed', status, input.source);
      if (input.sequenceId !== undefined) entry.sequenceId = input.sequenceId;
      if (input.stepId !== undefined) entry.stepId = input.stepId;
      await this.o.run(contact.id, { fields: { emailStatus: status }, goals: [{ kind: 'unsubscribed' }] }, at, {
        consent: [entry], suppress: this.suppression(contact.email, status, at, input.source),
      });
      return { changed: true };
    });
  }

  /** Hard bounces and complaints suppress the address at once, known contact or not; soft bounces count. */
  recordEmailEvent(input: EmailEventInput): Promise<{ contactIds: string[] }> {
    return this.o.serial(async () => {
      const at = input.at ?? this.o.now();
      const contacts = await this.contactsWithAddress(input.email);
      const batch: StoreBatch = { contacts: [], consent: [] };
      for (const contact of contacts) {
        const before = { status: emailStatusOf(contact), softBounces: contact.emailSoftBounces ?? 0 };
        const after = statusAfterEmailEvent(before.status, before.softBounces, input.kind);
        const updated: Contact = { ...contact, emailStatus: after.status };
        if (after.softBounces > 0) updated.emailSoftBounces = after.softBounces;
        batch.contacts!.push(updated);
        const entry = this.entry(updated, at, input.kind, after.status, input.source);
        if (input.detail !== undefined) entry.detail = input.detail;
        batch.consent!.push(entry);
      }
      if (input.kind !== 'soft-bounce') {
        batch.suppress = this.suppression(input.email, input.kind, at, input.source);
      }
      await this.o.store.commit(batch);
      return { contactIds: contacts.map((c) => c.id) };
    });
  }

  /**
   * Confirms the address (double opt-in). Only the person's own click
   * (`source.kind: 'double-opt-in'`) can opt back in an address that opted
   * out or bounced, and it takes the address off the suppression list.
   */
  confirmOptIn(input: { contactId: string; source: ConsentSource }): Promise<{ changed: boolean }> {
    return this.o.serial(async () => {
      const contact = await this.mustGet(input.contactId);
      const byPerson = input.source.kind === 'double-opt-in';
      const status = statusAfterConfirm(emailStatusOf(contact), byPerson);
      if (status === undefined) return { changed: false };
      const at = this.o.now();
      const updated: Contact = { ...contact, emailStatus: status };
      delete updated.emailSoftBounces;
      const batch: StoreBatch = { contacts: [updated], consent: [this.entry(updated, at, 'confirmed', status, input.source)] };
      if (byPerson && hasAddress(contact.email)) batch.unsuppress = [suppressionHash(contact.email)];
      await this.o.store.commit(batch);
      return { changed: true };
    });
  }

  async consent(contactId: string): Promise<{ status: EmailStatus; ledger: ConsentEntry[] }> {
    const contact = await this.mustGet(contactId);
    return { status: emailStatusOf(contact), ledger: await this.o.store.consentLedger(contactId) };
  }

  /**
   * For a contact being created (inside the queue): its status (a
   * suppressed address gets the status it was suppressed with, so a
   * re-import is never mailed) and the ledger line saying where it came from.
   */
  async onCreate(contact: Contact, at: number, source: ConsentSource | undefined): Promise<ConsentBatch> {
    const batch: Required<Pick<ConsentBatch, 'consent'>> & ConsentBatch = { consent: [] };
    const suppressed = await this.suppressedStatus(contact.email);
    if (source !== undefined) batch.consent.push(this.entry(contact, at, 'created', emailStatusOf(contact), source));
    if (suppressed !== undefined && isMarketable(emailStatusOf(contact))) {
      contact.emailStatus = suppressed.status;
      batch.consent.push(this.entry(contact, at, 'suppressed', suppressed.status, { kind: suppressed.source }));
    } else if (suppressed === undefined && suppresses(emailStatusOf(contact))) {
      // An import that says the person had opted out elsewhere: never mail the address, even after erasure.
      batch.suppress = this.suppression(contact.email, emailStatusOf(contact), at, source ?? { kind: 'import' });
    }
    return batch;
  }

  /**
   * For a contact whose address changes to `email` (inside the queue): the
   * fields to set with it. A suppressed address brings its status; a new
   * address sheds statuses that belonged to the old one (bounces); an
   * opt-out stays, as it is the person's.
   */
  async onAddressChange(contact: Contact, email: unknown, at: number): Promise<{ fields: Partial<Contact>; extra: ConsentBatch }> {
    if (!hasAddress(email) || (hasAddress(contact.email) && normaliseAddress(contact.email) === normaliseAddress(email))) return { fields: {}, extra: {} };
    const current = emailStatusOf(contact);
    const suppressed = await this.suppressedStatus(email);
    let status: EmailStatus | undefined;
    if (suppressed !== undefined && !isOptedOut(current)) status = suppressed.status;
    else if (suppressed === undefined && ADDRESS_BOUND.has(current)) status = 'unconfirmed';
    if (status === undefined) return { fields: {}, extra: {} };
    const fields: Partial<Contact> = { emailStatus: status, emailSoftBounces: undefined };
    const line = this.entry({ ...contact, email }, at, 'address-changed', status, { kind: suppressed?.source ?? 'api' });
    return { fields, extra: { consent: [line] } };
  }

  private async suppressedStatus(email: unknown): Promise<SuppressionEntry | undefined> {
    if (!hasAddress(email)) return undefined;
    const hash = suppressionHash(email);
    return (await this.o.store.suppressed([hash])).get(hash);
  }

  private suppression(email: unknown, status: EmailStatus, at: number, source: ConsentSource): SuppressionEntry[] {
    if (!hasAddress(email) || !suppresses(status)) return [];
    return [{ hash: suppressionHash(email), status, at, source: source.kind }];
  }

  private entry(contact: Contact, at: number, event: ConsentEvent, status: EmailStatus, source: ConsentSource): ConsentEntry {
    const line: ConsentEntry = { contactId: contact.id, at, event, status, source: copySource(source) };
    if (hasAddress(contact.email)) line.email = contact.email;
    return line;
  }

  private async mustGet(contactId: string): Promise<Contact> {
    const contact = (await this.o.store.getContacts([contactId])).get(contactId);
    if (!contact) throw this.o.unknownContact(contactId);
    return contact;
  }

  /** Every contact whose address is `email` (any case), paging through the store. */
  private async contactsWithAddress(email: string): Promise<Contact[]> {
    const wanted = normaliseAddress(email);
    const found: Contact[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.o.store.listContacts({ offset, limit: PAGE });
      for (const c of page) if (hasAddress(c.email) && normaliseAddress(c.email) === wanted) found.push(c);
      if (page.length < PAGE) return found;
    }
  }
}

/** Only the source's known fields, as plain strings: a ledger line never carries more than it says. */
function copySource(source: ConsentSource): ConsentSource {
  const out: ConsentSource = { kind: source.kind };
  for (const key of ['id', 'ip', 'wording'] as const) if (typeof source[key] === 'string') out[key] = source[key];
  return out;
}
