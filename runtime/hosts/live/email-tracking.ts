/**
 * Per-step email figures and tracked-link clicks, kept by the live host in
 * the store's meta and changed only in its serial queue.
 *
 * Figures: meta `emailStats:<sequenceId>` holds, per step id, how many of
 * its emails were sent, delivered, bounced, complained of, unsubscribed
 * from, clicked and opened. Counting is grouped: events that arrive while
 * a unit of work runs are added together in the next one (one journal
 * line for a burst of deliveries, not one per email).
 *
 * Clicks: every click is counted; the `linkClicked` goal fires once per
 * contact and link (sequence, step, index of the link in the email). Meta
 * `linkClicks:<contactId>` lists the links that contact has fired, so a
 * replayed or forwarded link counts again but changes nothing; deleting
 * the contact deletes the list.
 */
import type { InstantInput, InstantResult } from '../../engine/run-contact';
import type { ContactStore } from '../../store/contact-store';

export type EmailEvent = 'sent' | 'delivered' | 'bounced' | 'complaint' | 'unsubscribe' | 'click' | 'open';

export interface EmailStepStats {
  sent: number;
  /** Accepted by the SMTP server (or written to the outbox folder without SMTP). */
  delivered: number;
  bounced: number;
  complaints: number;
  unsubscribes: number;
  clicks: number;
  /** Counted only when the open pixel is on; inflated by Apple Mail Privacy Protection. */
  opens: number;
}

export interface EmailEventCount {
  sequenceId: string;
  stepId: string;
  event: EmailEvent;
  /** How many (default 1). */
  count?: number;
}

export interface ClickedLink {
  url: string;
  contactId: string;
  sequenceId: string;
  stepId: string;
  /** Index of the link among the email's tracked links. */
  link: number;
}

const FIELD: Record<EmailEvent, keyof EmailStepStats> = {
  sent: 'sent', delivered: 'delivered', bounced: 'bounced', complaint: 'complaints', unsubscribe: 'unsubscribes', click: 'clicks', open: 'opens',
};

export const EMAIL_EVENTS = Object.keys(FIELD) as EmailEvent[];

export const emptyStats = (): EmailStepStats => ({ sent: 0, delivered: 0, bounced: 0, complaints: 0, unsubscribes: 0, clicks: 0, opens: 0 });

export const emailStatsKey = (sequenceId: string): string => `emailStats:${sequenceId}`;
export const clickedLinksKey = (contactId: string): string => `linkClicks:${contactId}`;

/** One link a contact fired: [sequence id, step id, link index]. */
type LinkKey = [string, string, number];

export interface EmailTrackingDeps {
  store: ContactStore;
  /** Runs `fn` as a unit of work of the host (between the others). */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs the engine on a contact inside a unit of work (the host's own runContact). */
  run(contactId: string, input: InstantInput, at: number): Promise<InstantResult>;
}

export class EmailTracking {
  /** Counts waiting for the next unit of work, by sequence then step. */
  private pending = new Map<string, Map<string, EmailStepStats>>();
  private committing: Promise<void> | null = null;

  constructor(private readonly deps: EmailTrackingDeps) {}

  /** Adds to a step's figures; resolves once the new figure is durable. */
  count({ sequenceId, stepId, event, count = 1 }: EmailEventCount): Promise<void> {
    const field = FIELD[event];
    if (!field) throw new TypeError(`Unknown email event ${JSON.stringify(event)}: one of ${EMAIL_EVENTS.join(', ')}.`);
    if (!Number.isInteger(count) || count < 0) throw new TypeError(`An email event's count is a whole number, not ${count}.`);
    const steps = this.pending.get(sequenceId) ?? new Map<string, EmailStepStats>();
    this.pending.set(sequenceId, steps);
    const stats = steps.get(stepId) ?? emptyStats();
    steps.set(stepId, stats);
    stats[field] += count;
    this.committing ??= this.deps.serial(() => this.commitPending()).then(() => this.deps.store.flush());
    return this.committing;
  }

  private async commitPending(): Promise<void> {
    const pending = this.pending;
    this.pending = new Map();
    this.committing = null; // counts from now on go to the next unit
    const meta: Record<string, unknown> = {};
    for (const [sequenceId, steps] of pending) {
      // A copy: the store's objects are replaced, never edited in place.
      const stored = { ...((await this.deps.store.getMeta<Record<string, EmailStepStats>>(emailStatsKey(sequenceId))) ?? {}) };
      for (const [stepId, add] of steps) {
        const next = { ...emptyStats(), ...stored[stepId] };
        for (const k of Object.keys(add) as Array<keyof EmailStepStats>) next[k] += add[k];
        stored[stepId] = next;
      }
      meta[emailStatsKey(sequenceId)] = stored;
    }
    await this.deps.store.commit({ meta });
  }

  /** Each step's figures of a sequence (steps with none yet are absent). */
  async stats(sequenceId: string): Promise<Record<string, EmailStepStats>> {
    return (await this.deps.store.getMeta<Record<string, EmailStepStats>>(emailStatsKey(sequenceId))) ?? {};
  }

  /**
   * A tracked link was followed: counts the click, and the first time this
   * contact follows this link fires `linkClicked` on it (one unit of work:
   * two clicks at once cannot both be first). `fired` says whether it did;
   * a contact deleted since the email was sent fires nothing.
   */
  async click(link: ClickedLink, at: number): Promise<{ fired: boolean }> {
    const counted = this.count({ sequenceId: link.sequenceId, stepId: link.stepId, event: 'click' });
    const fired = await this.deps.serial(async () => {
      if (!(await this.deps.store.getContacts([link.contactId])).has(link.contactId)) return false;
      const key = clickedLinksKey(link.contactId);
      const done = (await this.deps.store.getMeta<LinkKey[]>(key)) ?? [];
      if (done.some(([s, t, i]) => s === link.sequenceId && t === link.stepId && i === link.link)) return false;
      await this.deps.run(link.contactId, { goals: [{ kind: 'linkClicked', stepId: link.stepId, url: link.url }] }, at);
      await this.deps.store.commit({ meta: { [key]: [...done, [link.sequenceId, link.stepId, link.link]] } });
      return true;
    });
    await Promise.all([counted, this.deps.store.flush()]);
    return { fired };
  }

  /** What to commit when a contact is deleted: its list of fired links goes with it. */
  static forget(contactId: string): Record<string, undefined> {
    return { [clickedLinksKey(contactId)]: undefined };
  }
}
